package io.servicetsunami.canary.adapters.persistence;

import io.servicetsunami.canary.app.CanaryApp;

/** An adapter reaching up into the composition root. */
public final class BadPersistenceUsesApp {
  public String name() {
    return new CanaryApp().name();
  }
}
