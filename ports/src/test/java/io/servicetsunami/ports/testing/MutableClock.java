package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.out.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A clock that stands still until a test moves it. Starts at {@link Fixtures#NOW}. Like every
 * {@link Clock} it never goes backwards: moving it back is a mistake in the test and fails.
 */
public final class MutableClock implements Clock {

  private Instant now;
  private Duration autoAdvance = Duration.ZERO;

  public MutableClock() {
    this(Fixtures.NOW);
  }

  public MutableClock(Instant start) {
    this.now = requireNonNull(start, "start is null");
  }

  /** The current instant; then moves on by the {@link #autoAdvance} step, if one is set. */
  @Override
  public synchronized Instant now() {
    Instant current = now;
    now = now.plus(autoAdvance);
    return current;
  }

  /** The current instant without consuming an auto-advance step. */
  public synchronized Instant peek() {
    return now;
  }

  /** Moves the clock forward by {@code duration} and returns the new time. */
  public synchronized Instant advance(Duration duration) {
    requireNonNull(duration, "duration is null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock never goes backwards: " + duration);
    }
    now = now.plus(duration);
    return now;
  }

  /** Moves the clock to {@code instant}, which must not be before the current time. */
  public synchronized void set(Instant instant) {
    requireNonNull(instant, "instant is null");
    if (instant.isBefore(now)) {
      throw new IllegalArgumentException("a clock never goes backwards: " + now + " -> " + instant);
    }
    now = instant;
  }

  /**
   * Makes every {@link #now()} call move the clock on by {@code step} afterwards, so that code
   * measuring durations between two readings sees time pass. {@link Duration#ZERO} turns it off.
   */
  public synchronized MutableClock autoAdvance(Duration step) {
    requireNonNull(step, "step is null");
    if (step.isNegative()) {
      throw new IllegalArgumentException("a clock never goes backwards: " + step);
    }
    autoAdvance = step;
    return this;
  }
}
