package io.servicetsunami.canary.ports;

/** A port record that carries a Hibernate session across the boundary. */
public record BadPortLeaksHibernate(org.hibernate.Session session) {}
