package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.ExecutionId;
import io.servicetsunami.ports.model.SkillKind;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.SkillGateway;
import io.servicetsunami.ports.out.SkillGateway.DeviceAccepted;
import io.servicetsunami.ports.out.SkillGateway.DeviceHandshake;
import io.servicetsunami.ports.out.SkillGateway.GatewayHealth;
import io.servicetsunami.ports.out.SkillGateway.SkillInvocation;
import io.servicetsunami.ports.out.SkillGateway.SkillResult;
import io.servicetsunami.ports.out.SkillGateway.Succeeded;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SkillGateway} does against a reachable gateway, an unreachable one and one that
 * refuses the token, skill calls and device connects alike. The reachable gateway trusts the
 * control plane's address (as a gateway does on loopback), so it lets the device in without
 * pairing. The gateway needs one skill that answers with its input, {@link #echoSkill()}.
 */
public interface SkillGatewayContract {

  SkillGateway gateway();

  /** A running gateway with the right token. */
  GatewayEndpoint reachableGateway();

  /** An endpoint where no gateway listens. */
  GatewayEndpoint unreachableGateway();

  /** The running gateway, addressed with a token it does not accept. */
  GatewayEndpoint gatewayWithWrongToken();

  /** A skill whose output contains the {@code text} of its input. */
  String echoSkill();

  default SkillKind echoSkillKind() {
    return SkillKind.TOOL;
  }

  private SkillInvocation echo(String text) {
    ExecutionId execution = Fixtures.executionId();
    return new SkillInvocation(
        execution,
        echoSkill(),
        echoSkillKind(),
        Map.of("text", text),
        "claude-sonnet-4-5",
        Map.of(),
        "contract-" + execution);
  }

  @Test
  default void reachableGatewayProbesHealthy() {
    GatewayHealth health = gateway().probe(reachableGateway());

    assertThat(health.healthy()).isTrue();
    assertThat(health.status()).isEqualTo("healthy");
  }

  @Test
  default void unreachableGatewayProbesUnreachableWithoutThrowing() {
    GatewayHealth health = gateway().probe(unreachableGateway());

    assertThat(health.httpOk()).isFalse();
    assertThat(health.wsOk()).isFalse();
    assertThat(health.status()).isEqualTo("unreachable");
  }

  @Test
  default void echoSkillSucceedsWithItsInput() {
    String text = "ping-" + UUID.randomUUID();

    SkillResult result = gateway().execute(reachableGateway(), echo(text));

    assertThat(result).isInstanceOf(Succeeded.class);
    assertThat(((Succeeded) result).output().toString()).contains(text);
  }

  @Test
  default void executingOnAnUnreachableGatewayIsTransient() {
    TransientException error =
        assertPortError(
            TransientException.class,
            ErrorCode.GATEWAY_UNAVAILABLE,
            () -> gateway().execute(unreachableGateway(), echo("ping")));
    assertThat(error.retryable()).isTrue();
  }

  @Test
  default void wrongTokenIsAPermanentAuthFailure() {
    PermanentException error =
        assertPortError(
            PermanentException.class,
            ErrorCode.GATEWAY_AUTH_FAILED,
            () -> gateway().execute(gatewayWithWrongToken(), echo("ping")));
    assertThat(error.getMessage()).doesNotContain(gatewayWithWrongToken().token().reveal());
  }

  @Test
  default void theReachableGatewayLetsTheDeviceInWithScopes() {
    DeviceHandshake handshake = gateway().connectDevice(reachableGateway());

    assertThat(handshake).isInstanceOf(DeviceAccepted.class);
    assertThat(((DeviceAccepted) handshake).scopes()).isNotEmpty();
    assertThat(handshake.device().id()).isNotBlank();
    assertThat(handshake.device().publicKey()).isNotBlank();
  }

  @Test
  default void anInstanceConnectsWithTheSameDeviceEveryTime() {
    DeviceHandshake first = gateway().connectDevice(reachableGateway());
    DeviceHandshake second = gateway().connectDevice(reachableGateway());

    assertThat(second.device()).isEqualTo(first.device());
  }

  @Test
  default void connectingTheDeviceToAnUnreachableGatewayIsTransient() {
    TransientException error =
        assertPortError(
            TransientException.class,
            ErrorCode.GATEWAY_UNAVAILABLE,
            () -> gateway().connectDevice(unreachableGateway()));
    assertThat(error.retryable()).isTrue();
  }

  @Test
  default void connectingTheDeviceWithAWrongTokenIsAPermanentAuthFailure() {
    PermanentException error =
        assertPortError(
            PermanentException.class,
            ErrorCode.GATEWAY_AUTH_FAILED,
            () -> gateway().connectDevice(gatewayWithWrongToken()));
    assertThat(error.getMessage()).doesNotContain(gatewayWithWrongToken().token().reveal());
  }
}
