package io.servicetsunami.canary.adapters.temporal;

import jakarta.persistence.EntityManager;

/** An activity writing to the database itself instead of through a repository port. */
public final class BadTemporalUsesJpa {
  public void save(EntityManager entityManager, Object row) {
    entityManager.persist(row);
  }
}
