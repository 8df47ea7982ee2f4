package io.servicetsunami.adapters.openclaw;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.out.CircuitBreakers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link CircuitBreakers} on resilience4j, one breaker per instance, configured from the core's
 * policy values (3 failures within 5 minutes open it for 2 minutes, then one trial call).
 *
 * <p>resilience4j judges a failure <em>rate</em> over a window and by default needs 100 calls
 * before it judges at all, so a low-traffic tenant would never trip it. The policy counts failures
 * instead. The mapping: a time-based window of {@code window} seconds, a minimum of {@code
 * failureThreshold} calls, a failure-rate threshold of 100 %, and — while closed — successes are
 * not recorded (the permission is released instead), so the window holds failures only and the
 * {@code failureThreshold}-th failure within {@code window} opens it. Open, it rejects for {@code
 * openDuration}; then exactly one trial call is admitted, whose recorded success closes it and
 * whose failure opens it again. A trial whose outcome never comes stops blocking after another
 * {@code openDuration} (it reopens, then admits a new trial).
 *
 * <p>State changes are logged and counted; {@link #metrics} gives a snapshot per instance and
 * {@link #registry} the resilience4j registry for a metrics binder.
 */
public final class Resilience4jCircuitBreakers implements CircuitBreakers {

  private static final System.Logger LOG =
      System.getLogger(Resilience4jCircuitBreakers.class.getName());

  private final CircuitBreakerRegistry registry;
  private final Duration openDuration;
  private final Clock clock;
  private final Map<InstanceId, Tracked> breakers = new ConcurrentHashMap<>();

  /** With the system clock. */
  public Resilience4jCircuitBreakers(int failureThreshold, Duration window, Duration openDuration) {
    this(failureThreshold, window, openDuration, Clock.systemUTC());
  }

  /**
   * @param failureThreshold failures within {@code window} that open a breaker
   * @param window how far back failures count (whole seconds; at least one)
   * @param openDuration how long an open breaker rejects calls before one trial
   * @param clock the time the breakers go by (a fixed or stepping clock in tests)
   */
  public Resilience4jCircuitBreakers(
      int failureThreshold, Duration window, Duration openDuration, Clock clock) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be at least 1");
    }
    requireNonNull(window, "window is null");
    this.openDuration = requireNonNull(openDuration, "openDuration is null");
    this.clock = requireNonNull(clock, "clock is null");
    if (window.isNegative()
        || window.isZero()
        || openDuration.isNegative()
        || openDuration.isZero()) {
      throw new IllegalArgumentException("window and openDuration must be positive");
    }
    int windowSeconds = (int) Math.max(1, (window.toMillis() + 999) / 1000);
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .slidingWindow(windowSeconds, failureThreshold, SlidingWindowType.TIME_BASED)
            .failureRateThreshold(100)
            .waitDurationInOpenState(openDuration)
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .permittedNumberOfCallsInHalfOpenState(1)
            .maxWaitDurationInHalfOpenState(openDuration)
            .clock(clock)
            .currentTimestampFunction(c -> c.millis(), TimeUnit.MILLISECONDS)
            .build();
    this.registry = CircuitBreakerRegistry.of(config);
  }

  @Override
  public Admission tryAcquire(InstanceId instance) {
    Tracked tracked = tracked(instance);
    if (tracked.breaker.tryAcquirePermission()) {
      return new Admitted();
    }
    tracked.rejected.incrementAndGet();
    Duration left = tracked.retryAfter();
    // Past the open period a trial is under way; its outcome decides within seconds.
    return new Rejected(left.isZero() ? Duration.ofSeconds(1) : left);
  }

  @Override
  public void onSuccess(InstanceId instance) {
    Tracked tracked = tracked(instance);
    if (tracked.breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
      tracked.breaker.onSuccess(0, TimeUnit.MILLISECONDS);
    } else {
      // Closed: the policy counts failures, not a rate; a success must not dilute them.
      tracked.breaker.releasePermission();
    }
  }

  @Override
  public void onFailure(InstanceId instance) {
    tracked(instance).breaker.onError(0, TimeUnit.MILLISECONDS, new GatewayCallFailed());
  }

  @Override
  public void release(InstanceId instance) {
    tracked(instance).breaker.releasePermission();
  }

  @Override
  public State state(InstanceId instance) {
    Tracked tracked = tracked(instance);
    return switch (tracked.breaker.getState()) {
      case CLOSED, DISABLED, METRICS_ONLY -> State.CLOSED;
      case HALF_OPEN -> State.HALF_OPEN;
      case OPEN, FORCED_OPEN -> tracked.retryAfter().isZero() ? State.HALF_OPEN : State.OPEN;
    };
  }

  /** A snapshot of every breaker used so far. */
  public List<BreakerMetrics> metrics() {
    return breakers.keySet().stream().map(this::metrics).toList();
  }

  /** A snapshot of one instance's breaker. */
  public BreakerMetrics metrics(InstanceId instance) {
    Tracked tracked = tracked(instance);
    Map<State, Long> transitions = new EnumMap<>(State.class);
    tracked.transitions.forEach((state, count) -> transitions.put(state, count.get()));
    return new BreakerMetrics(
        instance,
        state(instance),
        tracked.breaker.getMetrics().getNumberOfFailedCalls(),
        tracked.rejected.get(),
        transitions);
  }

  /** The underlying registry, e.g. for resilience4j's Micrometer binder. */
  public CircuitBreakerRegistry registry() {
    return registry;
  }

  private Tracked tracked(InstanceId instance) {
    requireNonNull(instance, "instance is null");
    return breakers.computeIfAbsent(instance, this::create);
  }

  private Tracked create(InstanceId instance) {
    CircuitBreaker breaker = registry.circuitBreaker("openclaw-" + instance);
    Tracked tracked = new Tracked(breaker);
    breaker
        .getEventPublisher()
        .onStateTransition(
            event -> {
              CircuitBreaker.State to = event.getStateTransition().getToState();
              if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
                tracked.openedAt = clock.instant();
              }
              State mapped =
                  switch (to) {
                    case OPEN, FORCED_OPEN -> State.OPEN;
                    case HALF_OPEN -> State.HALF_OPEN;
                    default -> State.CLOSED;
                  };
              tracked.transitions.computeIfAbsent(mapped, s -> new AtomicLong()).incrementAndGet();
              LOG.log(
                  to == CircuitBreaker.State.OPEN
                      ? System.Logger.Level.WARNING
                      : System.Logger.Level.INFO,
                  "circuit breaker of instance {0}: {1}",
                  instance,
                  event.getStateTransition());
            });
    return tracked;
  }

  private final class Tracked {
    final CircuitBreaker breaker;
    final AtomicLong rejected = new AtomicLong();
    final Map<State, AtomicLong> transitions = new ConcurrentHashMap<>();
    volatile Instant openedAt = Instant.MIN;

    Tracked(CircuitBreaker breaker) {
      this.breaker = breaker;
    }

    /** The time left in the open period (zero once a trial may go, or during a trial). */
    Duration retryAfter() {
      if (openedAt.equals(Instant.MIN)) {
        return Duration.ZERO;
      }
      Duration left = Duration.between(clock.instant(), openedAt.plus(openDuration));
      return left.isNegative() ? Duration.ZERO : left;
    }
  }

  /** What a failed gateway call is recorded as; the breaker needs a throwable. */
  private static final class GatewayCallFailed extends RuntimeException {
    GatewayCallFailed() {
      super("gateway call failed", null, false, false);
    }
  }
}
