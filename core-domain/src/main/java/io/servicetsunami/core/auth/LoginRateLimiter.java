package io.servicetsunami.core.auth;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.out.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code maxFailures} failed sign-ins within {@code window} for
 * the same key (a client address, or an e-mail address), further attempts for that key are refused
 * until the oldest failure leaves the window. A successful sign-in clears the key's failures.
 * In-memory and per process: a restart forgets failures, which only gives an attacker one more
 * window.
 */
public final class LoginRateLimiter {

  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginRateLimiter(int maxFailures, Duration window, Clock clock) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1");
    }
    this.maxFailures = maxFailures;
    this.window = requireNonNull(window, "window is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Five failures per quarter of an hour. */
  public static LoginRateLimiter defaults(Clock clock) {
    return new LoginRateLimiter(5, Duration.ofMinutes(15), clock);
  }

  /** Whether another attempt for {@code key} may be made now. */
  public boolean allows(String key) {
    Deque<Instant> recent = failures.get(key);
    if (recent == null) {
      return true;
    }
    synchronized (recent) {
      forgetOld(recent, clock.now());
      return recent.size() < maxFailures;
    }
  }

  public void recordFailure(String key) {
    Deque<Instant> recent = failures.computeIfAbsent(key, ignored -> new ArrayDeque<>());
    synchronized (recent) {
      Instant now = clock.now();
      forgetOld(recent, now);
      recent.addLast(now);
    }
  }

  public void recordSuccess(String key) {
    failures.remove(key);
  }

  private void forgetOld(Deque<Instant> recent, Instant now) {
    Instant horizon = now.minus(window);
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
      recent.removeFirst();
    }
  }
}
