package io.servicetsunami.canary.adapters.temporal;

import jakarta.inject.Inject;

/** An adapter that only works under a DI container. */
public final class BadTemporalIsInjected {
  @Inject
  public BadTemporalIsInjected() {}
}
