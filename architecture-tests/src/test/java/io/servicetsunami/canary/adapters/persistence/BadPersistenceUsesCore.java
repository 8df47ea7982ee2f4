package io.servicetsunami.canary.adapters.persistence;

import io.servicetsunami.canary.core.CanaryService;

/** An adapter calling the core directly instead of being called through a port. */
public final class BadPersistenceUsesCore {
  public String name() {
    return new CanaryService().name();
  }
}
