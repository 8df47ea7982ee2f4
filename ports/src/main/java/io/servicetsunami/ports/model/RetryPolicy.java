package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a failed step is retried. Failures the ports classify as permanent are never retried,
 * whatever the policy says.
 *
 * @param maximumAttempts attempts in all, the first included
 * @param maximumInterval cap on the interval between attempts
 */
public record RetryPolicy(
    int maximumAttempts,
    Duration initialInterval,
    double backoffCoefficient,
    Duration maximumInterval) {

  /**
   * 3 attempts, 30 s initial interval, backoff 2.0: the policy of every step unless it says
   * otherwise.
   */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofSeconds(30), 2.0, Duration.ofMinutes(5));

  public RetryPolicy {
    if (maximumAttempts < 1) {
      throw new IllegalArgumentException("maximumAttempts must be at least 1");
    }
    requireNonNull(initialInterval, "initialInterval is null");
    if (initialInterval.isNegative() || initialInterval.isZero()) {
      throw new IllegalArgumentException("initialInterval must be positive");
    }
    if (backoffCoefficient < 1.0) {
      throw new IllegalArgumentException("backoffCoefficient must be at least 1.0");
    }
    requireNonNull(maximumInterval, "maximumInterval is null");
    if (maximumInterval.compareTo(initialInterval) < 0) {
      throw new IllegalArgumentException("maximumInterval is shorter than initialInterval");
    }
  }

  /** The wait before attempt {@code attempt} (2 for the first retry). */
  public Duration intervalBefore(int attempt) {
    if (attempt < 2) {
      throw new IllegalArgumentException("the first attempt has no interval before it");
    }
    double millis = initialInterval.toMillis() * Math.pow(backoffCoefficient, attempt - 2.0);
    return millis >= maximumInterval.toMillis()
        ? maximumInterval
        : Duration.ofMillis((long) millis);
  }
}
