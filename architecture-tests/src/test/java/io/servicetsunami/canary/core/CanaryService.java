package io.servicetsunami.canary.core;

/** A well-behaved core class that BadPersistenceUsesCore depends on. */
public final class CanaryService {
  public String name() {
    return "core";
  }
}
