package io.servicetsunami.core.breaker;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When a gateway's circuit opens and for how long.
 *
 * @param failureThreshold failures within {@code window} that open the circuit
 * @param window how far back failures count
 * @param openDuration how long an open circuit rejects calls before one trial call is let through
 */
public record CircuitBreakerPolicy(int failureThreshold, Duration window, Duration openDuration) {

  /** 3 failures within 5 minutes open the circuit for 2 minutes: the original system's policy. */
  public static final CircuitBreakerPolicy DEFAULT =
      new CircuitBreakerPolicy(3, Duration.ofMinutes(5), Duration.ofMinutes(2));

  public CircuitBreakerPolicy {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be at least 1");
    }
    requireNonNull(window, "window is null");
    requireNonNull(openDuration, "openDuration is null");
    if (window.isNegative()
        || window.isZero()
        || openDuration.isNegative()
        || openDuration.isZero()) {
      throw new IllegalArgumentException("window and openDuration must be positive");
    }
  }
}
