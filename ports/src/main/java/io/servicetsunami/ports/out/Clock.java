package io.servicetsunami.ports.out;

import java.time.Instant;

/** The current time. The core never reads the system clock itself, so tests can control time. */
@FunctionalInterface
public interface Clock {

  /** The current instant. Never fails; successive calls never go backwards. */
  Instant now();
}
