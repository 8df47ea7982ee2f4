package io.servicetsunami.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.out.CircuitBreakers.Admitted;
import io.servicetsunami.ports.out.CircuitBreakers.Rejected;
import io.servicetsunami.ports.out.CircuitBreakers.State;
import io.servicetsunami.ports.testing.MutableClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlidingWindowCircuitBreakersTest {

  private final MutableClock clock = new MutableClock();
  private final SlidingWindowCircuitBreakers breakers =
      new SlidingWindowCircuitBreakers(CircuitBreakerPolicy.DEFAULT, clock);
  private final InstanceId instance =
      new InstanceId(UUID.fromString("00000000-0000-0000-0000-000000000001"));
  private final InstanceId other =
      new InstanceId(UUID.fromString("00000000-0000-0000-0000-000000000002"));

  @Test
  void staysClosedBelowTheThreshold() {
    fail(instance, 2);

    assertThat(breakers.state(instance)).isEqualTo(State.CLOSED);
    assertThat(breakers.tryAcquire(instance)).isInstanceOf(Admitted.class);
  }

  @Test
  void opensOnTheThirdFailureInsideTheWindow() {
    fail(instance, 1);
    clock.advance(Duration.ofMinutes(2));
    fail(instance, 1);
    clock.advance(Duration.ofMinutes(2));
    fail(instance, 1);

    assertThat(breakers.state(instance)).isEqualTo(State.OPEN);
  }

  @Test
  void rejectsFastWhileOpenWithTheTimeLeft() {
    fail(instance, 3);
    clock.advance(Duration.ofSeconds(30));

    assertThat(breakers.tryAcquire(instance)).isEqualTo(new Rejected(Duration.ofSeconds(90)));
    clock.advance(Duration.ofSeconds(89));
    assertThat(breakers.tryAcquire(instance)).isEqualTo(new Rejected(Duration.ofSeconds(1)));
  }

  @Test
  void admitsExactlyOneTrialCallAfterTheCooldown() {
    fail(instance, 3);
    clock.advance(Duration.ofMinutes(2));

    assertThat(breakers.state(instance)).isEqualTo(State.HALF_OPEN);
    assertThat(breakers.tryAcquire(instance)).isInstanceOf(Admitted.class);
    assertThat(breakers.tryAcquire(instance)).isInstanceOf(Rejected.class);
    assertThat(breakers.state(instance)).isEqualTo(State.HALF_OPEN);
  }

  @Test
  void closesWhenTheTrialCallSucceeds() {
    fail(instance, 3);
    clock.advance(Duration.ofMinutes(2));
    breakers.tryAcquire(instance);

    breakers.onSuccess(instance);

    assertThat(breakers.state(instance)).isEqualTo(State.CLOSED);
    assertThat(breakers.tryAcquire(instance)).isInstanceOf(Admitted.class);
    // Failures before the trial are forgotten: two new ones do not reopen the circuit.
    fail(instance, 2);
    assertThat(breakers.state(instance)).isEqualTo(State.CLOSED);
  }

  @Test
  void reopensForAFullPeriodWhenTheTrialCallFails() {
    fail(instance, 3);
    clock.advance(Duration.ofMinutes(2));
    breakers.tryAcquire(instance);

    breakers.onFailure(instance);

    assertThat(breakers.state(instance)).isEqualTo(State.OPEN);
    assertThat(breakers.tryAcquire(instance)).isEqualTo(new Rejected(Duration.ofMinutes(2)));
  }

  @Test
  void doesNotCountFailuresOlderThanTheWindow() {
    fail(instance, 2);
    clock.advance(Duration.ofMinutes(5));
    fail(instance, 1);

    assertThat(breakers.state(instance)).isEqualTo(State.CLOSED);
    fail(instance, 1);
    assertThat(breakers.state(instance)).isEqualTo(State.CLOSED);
    fail(instance, 1);
    assertThat(breakers.state(instance)).isEqualTo(State.OPEN);
  }

  @Test
  void keepsOneBreakerPerInstance() {
    fail(instance, 3);

    assertThat(breakers.state(instance)).isEqualTo(State.OPEN);
    assertThat(breakers.state(other)).isEqualTo(State.CLOSED);
    assertThat(breakers.tryAcquire(other)).isInstanceOf(Admitted.class);
  }

  @Test
  void aReleasedTrialLetsTheNextCallerTry() {
    fail(instance, 3);
    clock.advance(Duration.ofMinutes(2));
    breakers.tryAcquire(instance);

    breakers.release(instance);

    assertThat(breakers.tryAcquire(instance)).isInstanceOf(Admitted.class);
  }

  @Test
  void aTrialWhoseOutcomeNeverArrivesStopsBlockingAfterAnotherPeriod() {
    fail(instance, 3);
    clock.advance(Duration.ofMinutes(2));
    breakers.tryAcquire(instance);

    clock.advance(Duration.ofMinutes(2));

    assertThat(breakers.tryAcquire(instance)).isInstanceOf(Admitted.class);
  }

  @Test
  void businessSuccessWhileClosedKeepsCountingFailures() {
    fail(instance, 2);
    breakers.onSuccess(instance);
    fail(instance, 1);

    assertThat(breakers.state(instance)).isEqualTo(State.OPEN);
  }

  private void fail(InstanceId id, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(breakers.tryAcquire(id)).isInstanceOf(Admitted.class);
      breakers.onFailure(id);
    }
  }
}
