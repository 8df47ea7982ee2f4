package io.servicetsunami.canary.core;

import io.servicetsunami.canary.adapters.persistence.CanaryPersistence;

/** The core reaching for a concrete adapter instead of a port. */
public final class BadCoreDependsOnAdapter {
  public String store() {
    return new CanaryPersistence().name();
  }
}
