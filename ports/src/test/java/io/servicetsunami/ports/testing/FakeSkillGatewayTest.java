package io.servicetsunami.ports.testing;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.contract.SkillGatewayContract;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.InstanceRuntime;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.SkillGateway;
import io.servicetsunami.ports.out.SkillGateway.Device;
import io.servicetsunami.ports.out.SkillGateway.DeviceAccepted;
import io.servicetsunami.ports.out.SkillGateway.DeviceHandshake;
import io.servicetsunami.ports.out.SkillGateway.GatewayHealth;
import io.servicetsunami.ports.out.SkillGateway.PairingRequired;
import io.servicetsunami.ports.out.SkillGateway.SkillFailed;
import io.servicetsunami.ports.out.SkillGateway.SkillInvocation;
import io.servicetsunami.ports.out.SkillGateway.Succeeded;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeSkillGatewayTest implements SkillGatewayContract {

  private final FakeSkillGateway gateway =
      new FakeSkillGateway()
          .answers("echo", invocation -> new Succeeded(invocation.input()))
          .acceptOnly(Secret.of("gateway-token"));
  private final GatewayEndpoint reachable = Fixtures.endpoint();
  private final GatewayEndpoint unreachable = Fixtures.endpoint();

  FakeSkillGatewayTest() {
    gateway.down(unreachable);
  }

  @Override
  public SkillGateway gateway() {
    return gateway;
  }

  @Override
  public GatewayEndpoint reachableGateway() {
    return reachable;
  }

  @Override
  public GatewayEndpoint unreachableGateway() {
    return unreachable;
  }

  @Override
  public GatewayEndpoint gatewayWithWrongToken() {
    return new GatewayEndpoint(
        reachable.instanceId(), reachable.url(), Secret.of("stale-token"), Optional.empty());
  }

  @Override
  public String echoSkill() {
    return "echo";
  }

  @Test
  void scriptedSkillsAnswerAsScripted() {
    gateway.succeeds("github", Map.of("issues", 3)).failsWith("slack", "channel not found");

    assertThat(gateway.execute(reachable, Fixtures.invocation("github", Map.of())))
        .isEqualTo(new Succeeded(Map.of("issues", 3)));
    assertThat(gateway.execute(reachable, Fixtures.invocation("slack", Map.of())))
        .isEqualTo(new SkillFailed("channel not found"));
  }

  @Test
  void unscriptedSkillIsRejectedByTheGateway() {
    assertPortError(
        PermanentException.class,
        ErrorCode.GATEWAY_REJECTED,
        () -> gateway.execute(reachable, Fixtures.invocation("notion", Map.of())));
  }

  @Test
  void everyCallIsRecordedWithItsCredentialsAsSecrets() {
    gateway.succeeds("github", Map.of());
    SkillInvocation invocation =
        Fixtures.invocation(
            "github", Map.of("repo", "acme/app"), Map.of("token", Secret.of("ghp_123")));

    gateway.execute(reachable, invocation);

    assertThat(gateway.calls()).containsExactly(new FakeSkillGateway.Call(reachable, invocation));
    assertThat(gateway.invocations("github")).containsExactly(invocation);
    assertThat(gateway.lastInvocation().orElseThrow().credentials())
        .containsEntry("token", Secret.of("ghp_123"));
    assertThat(gateway.lastInvocation().orElseThrow().toString()).doesNotContain("ghp_123");
  }

  @Test
  void repeatedIdempotencyKeyRunsTheSkillOnce() {
    int[] runs = {0};
    gateway.answers("counter", invocation -> new Succeeded(Map.of("run", ++runs[0])));
    SkillInvocation invocation = Fixtures.invocation("counter", Map.of());

    Object first = gateway.execute(reachable, invocation);
    Object second = gateway.execute(reachable, invocation);

    assertThat(second).isEqualTo(first).isEqualTo(new Succeeded(Map.of("run", 1)));
    assertThat(gateway.runs("counter")).isEqualTo(1);
    assertThat(gateway.calls()).hasSize(2);
  }

  @Test
  void oneOffFailureIsFollowedByTheScript() {
    gateway
        .succeeds("github", Map.of("ok", true))
        .throwsOnceOn("github", new TransientException(ErrorCode.GATEWAY_TIMEOUT, "slow"));
    SkillInvocation invocation = Fixtures.invocation("github", Map.of());

    assertPortError(
        TransientException.class,
        ErrorCode.GATEWAY_TIMEOUT,
        () -> gateway.execute(reachable, invocation));
    assertThat(gateway.execute(reachable, invocation)).isEqualTo(new Succeeded(Map.of("ok", true)));
    assertThat(gateway.runs("github")).isEqualTo(1);
  }

  @Test
  void throwsOnFailsEveryCall() {
    gateway.throwsOn("github", new TransientException(ErrorCode.GATEWAY_UNAVAILABLE, "reset"));

    for (int i = 0; i < 2; i++) {
      assertPortError(
          TransientException.class,
          ErrorCode.GATEWAY_UNAVAILABLE,
          () -> gateway.execute(reachable, Fixtures.invocation("github", Map.of())));
    }
    assertThat(gateway.runs("github")).isZero();
  }

  @Test
  void reportedHealthIsUsedWhileTheGatewayIsUp() {
    gateway.reportsHealth(reachable, new GatewayHealth(true, false));

    assertThat(gateway.probe(reachable).status()).isEqualTo("http_only");
    gateway.down(reachable);
    assertThat(gateway.probe(reachable).status()).isEqualTo("unreachable");
    gateway.up(reachable);
    assertThat(gateway.probe(reachable).status()).isEqualTo("http_only");
  }

  @Test
  void aRemoteGatewayAsksForPairingUntilTheRuntimeApprovesTheDevice() {
    InMemoryInstanceRuntime runtime = new InMemoryInstanceRuntime();
    InstanceSpec spec = Fixtures.instanceSpec(Fixtures.tenantId());
    runtime.install(spec, Secret.of("gateway-token"));
    GatewayEndpoint remote = Fixtures.endpoint(spec.instanceId(), "http://10.0.0.7:18789");
    gateway.remote(remote, runtime.pairings(spec.ref())).succeeds("github", Map.of());

    DeviceHandshake first = gateway.connectDevice(remote);
    assertThat(first).isInstanceOf(PairingRequired.class);
    assertThat(gateway.connectDevice(remote)).isEqualTo(first);
    assertPortError(
        PermanentException.class,
        ErrorCode.GATEWAY_AUTH_FAILED,
        () -> gateway.execute(remote, Fixtures.invocation("github", Map.of())));

    Device device = first.device();
    assertThat(runtime.approveDevice(spec.ref(), device.id(), device.publicKey()))
        .isEqualTo(InstanceRuntime.DeviceApproval.APPROVED);

    assertThat(gateway.connectDevice(remote))
        .isEqualTo(
            new DeviceAccepted(
                device,
                FakeSkillGateway.GRANTED_SCOPES,
                Optional.of(FakeSkillGateway.deviceTokenOf(device))));
    assertThat(gateway.execute(remote, Fixtures.invocation("github", Map.of())))
        .isEqualTo(new Succeeded(Map.of()));
    assertThat(gateway.deviceConnects()).hasSize(3);
  }

  @Test
  void aGatewayOnLoopbackLetsTheDeviceInWithoutADeviceToken() {
    DeviceHandshake handshake = gateway.connectDevice(reachable);

    assertThat(handshake)
        .isEqualTo(
            new DeviceAccepted(
                FakeSkillGateway.deviceOf(reachable.instanceId()),
                FakeSkillGateway.GRANTED_SCOPES,
                Optional.empty()));
  }
}
