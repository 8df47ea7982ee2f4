package io.servicetsunami.canary.app;

import io.servicetsunami.canary.ports.CanaryPort;

/** A well-behaved app class; together with BadPortCallsApp it forms a cycle. */
public final class CanaryApp implements CanaryPort {
  @Override
  public String name() {
    return "canary";
  }
}
