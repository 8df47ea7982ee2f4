package io.servicetsunami.canary.adapters.persistence;

import io.servicetsunami.canary.ports.CanaryPort;

/** A well-behaved adapter class that BadCoreDependsOnAdapter depends on. */
public final class CanaryPersistence implements CanaryPort {
  @Override
  public String name() {
    return "persistence";
  }
}
