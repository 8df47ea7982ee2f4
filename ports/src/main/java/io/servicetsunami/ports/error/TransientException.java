package io.servicetsunami.ports.error;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may go away by itself: a dead gateway, a restarted database, an open circuit. The
 * same call may be retried, after {@link #retryAfter()} when the other side said so.
 */
public final class TransientException extends PortException {

  private final Duration retryAfter;

  public TransientException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public TransientException(ErrorCode code, String message, Throwable cause) {
    this(code, message, null, cause);
  }

  public TransientException(ErrorCode code, String message, Duration retryAfter, Throwable cause) {
    super(code, message, cause);
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter is negative");
    }
    this.retryAfter = retryAfter;
  }

  public static TransientException retryAfter(ErrorCode code, String message, Duration retryAfter) {
    return new TransientException(
        code, message, requireNonNull(retryAfter, "retryAfter is null"), null);
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
