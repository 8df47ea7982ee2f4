package io.servicetsunami.canary.adapters.persistence;

import io.javalin.Javalin;

/** An adapter starting its own HTTP server. */
public final class BadPersistenceServesHttp {
  public Javalin server() {
    return Javalin.create();
  }
}
