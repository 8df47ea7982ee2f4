package io.servicetsunami.app.http;

/**
 * One thing the app needs before it can serve work ({@code GET /ready}): the database answers, the
 * workers poll, …. Bound into a set, so a module can add its own.
 */
public interface ReadinessCheck {

  /** Short and stable, e.g. {@code database}; a key of the readiness document. */
  String name();

  /** Whether it is ready now; must answer within a few seconds and never throw. */
  boolean ready();
}
