package io.servicetsunami.core.breaker;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.out.CircuitBreakers;
import io.servicetsunami.ports.out.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The circuit-breaking policy, one breaker per instance, on the time of a {@link Clock} so that it
 * is deterministic under test.
 *
 * <p>Closed: calls pass; a failure is remembered for {@code window}; the {@code
 * failureThreshold}-th remembered failure opens the circuit. Open: calls are rejected with the time
 * left until {@code openDuration} has passed. Then exactly one trial call is admitted (half-open):
 * its success closes the circuit and forgets all failures, its failure opens it again for a full
 * period. A trial whose outcome is never reported (its caller died) stops blocking after another
 * {@code openDuration}.
 */
public final class SlidingWindowCircuitBreakers implements CircuitBreakers {

  private final CircuitBreakerPolicy policy;
  private final Clock clock;
  private final Map<InstanceId, Breaker> breakers = new ConcurrentHashMap<>();

  public SlidingWindowCircuitBreakers(CircuitBreakerPolicy policy, Clock clock) {
    this.policy = requireNonNull(policy, "policy is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public Admission tryAcquire(InstanceId instance) {
    return breaker(instance).tryAcquire(clock.now());
  }

  @Override
  public void onSuccess(InstanceId instance) {
    breaker(instance).onSuccess();
  }

  @Override
  public void onFailure(InstanceId instance) {
    breaker(instance).onFailure(clock.now());
  }

  @Override
  public void release(InstanceId instance) {
    breaker(instance).release();
  }

  @Override
  public State state(InstanceId instance) {
    return breaker(instance).state(clock.now());
  }

  private Breaker breaker(InstanceId instance) {
    requireNonNull(instance, "instance is null");
    return breakers.computeIfAbsent(instance, ignored -> new Breaker());
  }

  private final class Breaker {
    private final Deque<Instant> failures = new ArrayDeque<>();
    private State state = State.CLOSED;
    private Instant openedAt;
    private Instant trialStartedAt;

    synchronized Admission tryAcquire(Instant now) {
      switch (state) {
        case CLOSED:
          return new Admitted();
        case OPEN:
          Instant reopensAt = openedAt.plus(policy.openDuration());
          if (now.isBefore(reopensAt)) {
            return new Rejected(Duration.between(now, reopensAt));
          }
          state = State.HALF_OPEN;
          trialStartedAt = now;
          return new Admitted();
        case HALF_OPEN:
        default:
          Instant trialExpiresAt = trialStartedAt.plus(policy.openDuration());
          if (now.isBefore(trialExpiresAt)) {
            return new Rejected(Duration.between(now, trialExpiresAt));
          }
          trialStartedAt = now;
          return new Admitted();
      }
    }

    synchronized void onSuccess() {
      if (state == State.HALF_OPEN) {
        state = State.CLOSED;
        failures.clear();
        trialStartedAt = null;
      }
    }

    synchronized void onFailure(Instant now) {
      if (state == State.HALF_OPEN) {
        open(now);
        return;
      }
      if (state == State.OPEN) {
        return;
      }
      failures.addLast(now);
      forgetFailuresBefore(now.minus(policy.window()));
      if (failures.size() >= policy.failureThreshold()) {
        open(now);
      }
    }

    synchronized void release() {
      if (state == State.HALF_OPEN) {
        // The trial never reached the gateway: let the next caller make it.
        trialStartedAt = Instant.MIN;
      }
    }

    synchronized State state(Instant now) {
      if (state == State.OPEN && !now.isBefore(openedAt.plus(policy.openDuration()))) {
        return State.HALF_OPEN;
      }
      return state;
    }

    private void open(Instant now) {
      state = State.OPEN;
      openedAt = now;
      trialStartedAt = null;
      failures.clear();
    }

    private void forgetFailuresBefore(Instant horizon) {
      while (!failures.isEmpty() && !failures.peekFirst().isAfter(horizon)) {
        failures.removeFirst();
      }
    }
  }
}
