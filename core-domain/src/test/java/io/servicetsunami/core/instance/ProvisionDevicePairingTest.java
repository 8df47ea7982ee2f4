package io.servicetsunami.core.instance;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.in.DeployInstanceUseCase.DeployInstanceCommand;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import io.servicetsunami.ports.out.SkillGateway.Device;
import io.servicetsunami.ports.out.SkillGateway.Succeeded;
import io.servicetsunami.ports.testing.FakeCredentialCipher;
import io.servicetsunami.ports.testing.FakeSkillGateway;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemoryInstanceRuntime;
import io.servicetsunami.ports.testing.InMemoryTenantInstanceRepository;
import io.servicetsunami.ports.testing.InMemoryWorkflowEngine;
import io.servicetsunami.ports.testing.MutableClock;
import io.servicetsunami.ports.testing.SequentialIdGenerator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The provisioning steps leave the control plane's device paired with a gateway that treats the
 * control plane as remote (as an in-cluster gateway does for a client in another pod).
 */
class ProvisionDevicePairingTest {

  private static final String VERSION = "2026.9.6";

  private final MutableClock clock = new MutableClock();
  private final InMemoryTenantInstanceRepository instances = new InMemoryTenantInstanceRepository();
  private final InMemoryInstanceRuntime runtime = new InMemoryInstanceRuntime();
  private final FakeCredentialCipher cipher = new FakeCredentialCipher();
  private final FakeSkillGateway gateway = new FakeSkillGateway();
  private final InstanceSettings settings = InstanceSettings.defaults(VERSION);
  private final GatewayEndpoints endpoints = new GatewayEndpoints(cipher, Optional.empty());
  private final InstanceLifecycleService lifecycle =
      new InstanceLifecycleService(
          instances,
          runtime,
          new InMemoryWorkflowEngine(),
          cipher,
          settings,
          clock,
          new SequentialIdGenerator());
  private final ProvisionInstanceStepsService steps =
      new ProvisionInstanceStepsService(instances, runtime, endpoints, gateway, settings, clock);
  private final TenantId tenant = Fixtures.tenantId();

  @Test
  void provisioningPairsTheDeviceWithARemoteGatewayAndStoresItsTokenEncrypted() {
    TenantInstance instance = installed();
    gateway.remote(endpointOf(instance), runtime.pairings(ref(instance)));

    steps.healthCheck(tenant, instance.id());
    steps.register(tenant, instance.id(), VERSION);

    TenantInstance running = lifecycle.get(tenant, instance.id());
    Device device = FakeSkillGateway.deviceOf(instance.id());
    assertThat(running.status()).isEqualTo(InstanceStatus.RUNNING);
    assertThat(runtime.release(ref(instance)).orElseThrow().pairedDevices())
        .containsExactly(Map.entry(device.id(), device.publicKey()));
    Secret issued = FakeSkillGateway.deviceTokenOf(device);
    assertThat(cipher.decrypt(tenant, running.deviceToken().orElseThrow())).isEqualTo(issued);
    assertThat(running.deviceToken().orElseThrow().token()).doesNotContain(issued.reveal());
    // Later connects carry the stored token, and the paired device may run skills.
    GatewayEndpoint later = endpoints.of(running);
    assertThat(later.deviceToken()).contains(issued);
    gateway.succeeds("github", Map.of("ok", true));
    assertThat(gateway.execute(later, Fixtures.invocation("github", Map.of())))
        .isEqualTo(new Succeeded(Map.of("ok", true)));
  }

  @Test
  void aRetriedHealthCheckFindsTheDevicePairedAndChangesNothing() {
    TenantInstance instance = installed();
    gateway.remote(endpointOf(instance), runtime.pairings(ref(instance)));
    steps.healthCheck(tenant, instance.id());
    TenantInstance paired = lifecycle.get(tenant, instance.id());
    int connects = gateway.deviceConnects().size();

    steps.healthCheck(tenant, instance.id());

    assertThat(connects).isEqualTo(2); // asked to pair, then let in
    assertThat(gateway.deviceConnects()).hasSize(3); // let in at once
    assertThat(lifecycle.get(tenant, instance.id()).revision()).isEqualTo(paired.revision());
    assertThat(runtime.release(ref(instance)).orElseThrow().pairedDevices()).hasSize(1);
  }

  @Test
  void onLoopbackTheDeviceIsLetInWithoutPairingAndNoTokenIsStored() {
    TenantInstance instance = installed();

    steps.healthCheck(tenant, instance.id());

    assertThat(gateway.deviceConnects()).hasSize(1);
    assertThat(runtime.release(ref(instance)).orElseThrow().pairedDevices()).isEmpty();
    assertThat(lifecycle.get(tenant, instance.id()).deviceToken()).isEmpty();
  }

  @Test
  void aPairingRequestTheRuntimeCannotSeeYetFailsTheStepRetryablyAndTheRetryPairs() {
    TenantInstance instance = installed();
    FakeSkillGateway.DevicePairings pairings = runtime.pairings(ref(instance));
    AtomicBoolean filed = new AtomicBoolean();
    gateway.remote(
        endpointOf(instance),
        new FakeSkillGateway.DevicePairings() {
          @Override
          public boolean paired(Device device) {
            return pairings.paired(device);
          }

          @Override
          public String requested(Device device) {
            // The first request reaches the runtime only after the approval looked for it.
            if (filed.getAndSet(true)) {
              return pairings.requested(device);
            }
            return "request-in-flight";
          }
        });

    assertPortError(
        TransientException.class,
        ErrorCode.RUNTIME_UNAVAILABLE,
        () -> steps.healthCheck(tenant, instance.id()));
    assertThat(lifecycle.get(tenant, instance.id()).deviceToken()).isEmpty();

    steps.healthCheck(tenant, instance.id());

    assertThat(lifecycle.get(tenant, instance.id()).deviceToken()).isPresent();
  }

  @Test
  void aGatewayThatStillAsksForPairingAfterTheApprovalFailsTheStepRetryably() {
    TenantInstance instance = installed();
    FakeSkillGateway.DevicePairings pairings = runtime.pairings(ref(instance));
    gateway.remote(
        endpointOf(instance),
        new FakeSkillGateway.DevicePairings() {
          @Override
          public boolean paired(Device device) {
            return false; // the approval got lost, e.g. the request expired in between
          }

          @Override
          public String requested(Device device) {
            return pairings.requested(device);
          }
        });

    TransientException error =
        assertPortError(
            TransientException.class,
            ErrorCode.GATEWAY_UNAVAILABLE,
            () -> steps.healthCheck(tenant, instance.id()));

    assertThat(error.getMessage()).contains("still asks to pair device");
    assertThat(lifecycle.get(tenant, instance.id()).deviceToken()).isEmpty();
  }

  @Test
  void aStaleDeviceTokenIsNotSentOnTheHandshakeAndIsReplacedByTheIssuedOne() {
    TenantInstance instance = installed();
    gateway.remote(endpointOf(instance), runtime.pairings(ref(instance)));
    steps.healthCheck(tenant, instance.id());
    TenantInstance paired = lifecycle.get(tenant, instance.id());
    instances.update(
        paired.withEndpoint(
            paired.internalUrl().orElseThrow(),
            Optional.of(cipher.encrypt(tenant, Secret.of("token-of-an-earlier-gateway-state"))),
            clock.now()));

    steps.healthCheck(tenant, instance.id());

    assertThat(gateway.deviceConnects()).allSatisfy(e -> assertThat(e.deviceToken()).isEmpty());
    assertThat(cipher.decrypt(tenant, lifecycle.get(tenant, instance.id()).deviceToken().get()))
        .isEqualTo(FakeSkillGateway.deviceTokenOf(FakeSkillGateway.deviceOf(instance.id())));
  }

  @Test
  void aRefusedGatewayTokenFailsTheStepPermanentlyWithoutAnApproval() {
    TenantInstance instance = installed();
    gateway
        .remote(endpointOf(instance), runtime.pairings(ref(instance)))
        .acceptOnly(Secret.of("some-other-token"));

    assertPortError(
        PermanentException.class,
        ErrorCode.GATEWAY_AUTH_FAILED,
        () -> steps.healthCheck(tenant, instance.id()));

    assertThat(runtime.release(ref(instance)).orElseThrow().pairedDevices()).isEmpty();
  }

  @Test
  void anUnhealthyGatewayIsNotAskedToPair() {
    TenantInstance instance = installed();
    gateway.down(endpointOf(instance));

    assertPortError(
        TransientException.class,
        ErrorCode.GATEWAY_UNAVAILABLE,
        () -> steps.healthCheck(tenant, instance.id()));

    assertThat(gateway.deviceConnects()).isEmpty();
  }

  /** Deployed and through the steps before the health check. */
  private TenantInstance installed() {
    TenantInstance instance =
        lifecycle
            .deploy(new DeployInstanceCommand(tenant, Optional.empty(), Optional.empty()))
            .instance();
    steps.generateValues(tenant, instance.id(), VERSION);
    steps.install(tenant, instance.id(), VERSION);
    steps.awaitReady(tenant, instance.id(), detail -> {});
    return instance;
  }

  private static GatewayEndpoint endpointOf(TenantInstance instance) {
    return Fixtures.endpoint(instance.id(), InMemoryInstanceRuntime.internalUrl(ref(instance)));
  }

  private static ReleaseRef ref(TenantInstance instance) {
    return new ReleaseRef(instance.k8sNamespace(), instance.helmRelease());
  }
}
