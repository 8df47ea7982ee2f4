package io.servicetsunami.adapters.openclaw;

import static io.servicetsunami.adapters.openclaw.GatewayFixtures.endpoint;
import static io.servicetsunami.adapters.openclaw.GatewayFixtures.fastSettings;
import static io.servicetsunami.adapters.openclaw.GatewayFixtures.invocation;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.adapters.openclaw.testing.ScriptedGateway;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.SkillKind;
import io.servicetsunami.ports.out.CircuitBreakers.Admitted;
import io.servicetsunami.ports.out.CircuitBreakers.Rejected;
import io.servicetsunami.ports.out.CircuitBreakers.State;
import io.servicetsunami.ports.out.GatewayEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Resilience4jCircuitBreakersTest {

  /** A clock the test moves by hand. */
  static final class StepClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-27T12:00:00Z");

    void advance(Duration step) {
      now = now.plus(step);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final StepClock clock = new StepClock();
  private final Resilience4jCircuitBreakers breakers =
      new Resilience4jCircuitBreakers(3, Duration.ofMinutes(5), Duration.ofMinutes(2), clock);
  private final InstanceId instance = new InstanceId(UUID.randomUUID());

  @TempDir Path keys;

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      assertThat(breakers.tryAcquire(instance)).isInstanceOf(Admitted.class);
      breakers.onFailure(instance);
      clock.advance(Duration.ofSeconds(10));
    }
  }

  @Test
  void threeFailuresWithinTheWindowOpenIt() {
    fail(2);
    assertThat(breakers.state(instance)).isEqualTo(State.CLOSED);

    fail(1);

    assertThat(breakers.state(instance)).isEqualTo(State.OPEN);
    assertThat(breakers.tryAcquire(instance)).isInstanceOf(Rejected.class);
  }

  @Test
  void successesDoNotDiluteTheFailures() {
    for (int i = 0; i < 3; i++) {
      for (int s = 0; s < 10; s++) {
        breakers.tryAcquire(instance);
        breakers.onSuccess(instance);
      }
      fail(1);
    }

    assertThat(breakers.state(instance)).isEqualTo(State.OPEN);
  }

  @Test
  void failuresOlderThanTheWindowAreForgotten() {
    fail(2);
    clock.advance(Duration.ofMinutes(6));

    fail(1);

    assertThat(breakers.state(instance)).isEqualTo(State.CLOSED);
  }

  @Test
  void openCircuitRejectsWithTheTimeLeft() {
    fail(3);
    clock.advance(Duration.ofSeconds(30));

    var admission = breakers.tryAcquire(instance);

    assertThat(admission).isInstanceOf(Rejected.class);
    assertThat(((Rejected) admission).retryAfter()).isEqualTo(Duration.ofSeconds(80));
  }

  @Test
  void afterTheCooldownOneTrialIsAdmittedAndItsSuccessCloses() {
    fail(3);
    clock.advance(Duration.ofMinutes(2));
    assertThat(breakers.state(instance)).isEqualTo(State.HALF_OPEN);

    assertThat(breakers.tryAcquire(instance)).isInstanceOf(Admitted.class);
    assertThat(breakers.tryAcquire(instance)).isInstanceOf(Rejected.class);
    breakers.onSuccess(instance);

    assertThat(breakers.state(instance)).isEqualTo(State.CLOSED);
    assertThat(breakers.tryAcquire(instance)).isInstanceOf(Admitted.class);
  }

  @Test
  void aFailedTrialOpensItAgainForAFullPeriod() {
    fail(3);
    clock.advance(Duration.ofMinutes(2));
    breakers.tryAcquire(instance);

    breakers.onFailure(instance);

    assertThat(breakers.state(instance)).isEqualTo(State.OPEN);
    var admission = breakers.tryAcquire(instance);
    assertThat(((Rejected) admission).retryAfter()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void aReleasedTrialLetsTheNextCallerTry() {
    fail(3);
    clock.advance(Duration.ofMinutes(2));
    assertThat(breakers.tryAcquire(instance)).isInstanceOf(Admitted.class);

    breakers.release(instance);

    assertThat(breakers.tryAcquire(instance)).isInstanceOf(Admitted.class);
  }

  @Test
  void breakersArePerInstance() {
    fail(3);

    assertThat(breakers.state(new InstanceId(UUID.randomUUID()))).isEqualTo(State.CLOSED);
  }

  @Test
  void stateChangesAreCountedAsMetrics() {
    fail(3);
    breakers.tryAcquire(instance);
    clock.advance(Duration.ofMinutes(2));
    breakers.tryAcquire(instance);
    breakers.onSuccess(instance);

    BreakerMetrics metrics = breakers.metrics(instance);

    assertThat(metrics.transitions())
        .containsEntry(State.OPEN, 1L)
        .containsEntry(State.HALF_OPEN, 1L)
        .containsEntry(State.CLOSED, 1L);
    assertThat(metrics.rejectedCalls()).isEqualTo(1);
    assertThat(breakers.metrics()).hasSize(1);
  }

  @Test
  void openCircuitKeepsCallsOffTheNetwork() throws Exception {
    try (ScriptedGateway server = new ScriptedGateway("tok");
        OpenClawSkillGateway gateway = new OpenClawSkillGateway(fastSettings(keys))) {
      server.script(
          request -> {
            if (request.method().equals("tools.invoke")) {
              request.connection().respondUnavailable(request.id(), 100);
              return true;
            }
            return false;
          });
      GatewayEndpoint endpoint = endpoint(server.url(), "tok");
      InstanceId id = endpoint.instanceId();
      int failures = 0;
      int rejected = 0;
      // What the core's skill routing does around every call.
      for (int i = 0; i < 6; i++) {
        if (breakers.tryAcquire(id) instanceof Rejected) {
          rejected++;
          continue;
        }
        try {
          gateway.execute(endpoint, invocation("t", SkillKind.TOOL, Map.of()));
          breakers.onSuccess(id);
        } catch (PortException e) {
          failures++;
          breakers.onFailure(id);
        }
      }

      assertThat(failures).isEqualTo(3);
      assertThat(rejected).isEqualTo(3);
      assertThat(server.requests("tools.invoke")).hasSize(3);
    }
  }
}
