package io.servicetsunami.ports.testing;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.contract.InstanceRuntimeContract;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.InstanceRuntime;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReleasePlan;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryInstanceRuntimeTest implements InstanceRuntimeContract {

  private final InMemoryInstanceRuntime runtime = new InMemoryInstanceRuntime();
  private final TenantId tenant = Fixtures.tenantId();
  private final InstanceSpec spec = Fixtures.instanceSpec(tenant);

  @Override
  public InstanceRuntime runtime() {
    return runtime;
  }

  @Test
  void renderUsesTheInClusterUrlAndTheSpecsResources() {
    ReleasePlan plan = runtime.render(spec);

    assertThat(plan.internalUrl())
        .isEqualTo("http://" + spec.ref().release() + ".prod.svc.cluster.local:18789");
    assertThat(plan.values())
        .containsEntry("version", Fixtures.OPENCLAW_VERSION)
        .containsEntry(
            "resources",
            Map.of(
                "requests", Map.of("cpu", "250m", "memory", "512Mi"),
                "limits", Map.of("cpu", "1000m", "memory", "2Gi")));
    assertThat(plan.values().get("labels"))
        .isEqualTo(
            Map.of(
                "app.kubernetes.io/name", "openclaw",
                "app.kubernetes.io/instance", spec.ref().release(),
                "servicetsunami.io/tenant-id", tenant.toString(),
                "servicetsunami.io/instance-id", spec.instanceId().toString()));
    assertThat(plan.values().toString()).doesNotContain("contract-gateway-token");
  }

  @Test
  void installRecordsTheReleaseWithItsToken() {
    runtime.install(spec, Secret.of("token-1"));
    runtime.install(spec, Secret.of("token-2"));

    InMemoryInstanceRuntime.ReleaseState state = runtime.release(spec.ref()).orElseThrow();
    assertThat(state.tenantId()).isEqualTo(tenant);
    assertThat(state.installs()).isEqualTo(2);
    assertThat(state.gatewayToken()).isEqualTo(Secret.of("token-2"));
    assertThat(state.running()).isTrue();
  }

  @Test
  void stopStartAndRestartAreTracked() {
    runtime.install(spec, Secret.of("token"));

    runtime.stop(spec.ref());
    assertThat(runtime.release(spec.ref()).orElseThrow().replicas()).isZero();
    assertPortError(
        TransientException.class,
        ErrorCode.RUNTIME_UNAVAILABLE,
        () -> runtime.awaitReady(spec.ref(), Duration.ofSeconds(1), detail -> {}));
    runtime.start(spec.ref());
    runtime.restart(spec.ref());
    runtime.restart(spec.ref());

    InMemoryInstanceRuntime.ReleaseState state = runtime.release(spec.ref()).orElseThrow();
    assertThat(state.replicas()).isEqualTo(1);
    assertThat(state.restarts()).isEqualTo(2);
  }

  @Test
  void operationsOnAMissingReleaseAreNotFound() {
    ReleaseRef missing = new ReleaseRef("prod", "openclaw-missing");

    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime.stop(missing));
    assertPortError(
        NotFoundException.class,
        ErrorCode.RELEASE_NOT_FOUND,
        () -> runtime.approveDevice(missing, "device", "key"));
  }

  @Test
  void logsReturnTheLastLinesOldestFirst() {
    runtime.install(spec, Secret.of("token"));
    runtime.appendLog(spec.ref(), "gateway listening on 18789", "device paired", "ready");

    assertThat(runtime.logs(spec.ref(), 2)).containsExactly("device paired", "ready");
    assertThat(runtime.logs(spec.ref(), 100)).hasSize(4);
    assertThat(runtime.logs(spec.ref(), 0)).isEmpty();
  }

  @Test
  void approvesOnlyADeviceThatAskedAndOnlyWithItsOwnKey() {
    runtime.install(spec, Secret.of("token"));
    assertPortError(
        TransientException.class,
        ErrorCode.RUNTIME_UNAVAILABLE,
        () -> runtime.approveDevice(spec.ref(), "cp-1", "pub-1"));

    runtime.requestPairing(spec.ref(), "cp-1", "pub-1");
    assertPortError(
        PermanentException.class,
        ErrorCode.GATEWAY_REJECTED,
        () -> runtime.approveDevice(spec.ref(), "cp-1", "someone-elses-key"));

    assertThat(runtime.approveDevice(spec.ref(), "cp-1", "pub-1"))
        .isEqualTo(InstanceRuntime.DeviceApproval.APPROVED);
    assertThat(runtime.approveDevice(spec.ref(), "cp-1", "pub-1"))
        .isEqualTo(InstanceRuntime.DeviceApproval.ALREADY_PAIRED);
    assertThat(runtime.release(spec.ref()).orElseThrow().pairedDevices())
        .containsExactly(java.util.Map.entry("cp-1", "pub-1"));
  }

  @Test
  void scriptedReadinessFailureIsThrownUntilCleared() {
    runtime.install(spec, Secret.of("token"));
    PermanentException imagePull =
        new PermanentException(ErrorCode.POD_FAILED, "ImagePullBackOff: openclaw:nope");
    runtime.failReadinessWith(imagePull);

    assertPortError(
        PermanentException.class,
        ErrorCode.POD_FAILED,
        () -> runtime.awaitReady(spec.ref(), Duration.ofMinutes(6), detail -> {}));
    runtime.failReadinessWith(null);
    assertThat(runtime.awaitReady(spec.ref(), Duration.ofMinutes(6), detail -> {}).podName())
        .isEqualTo(spec.ref().release() + "-0");
  }

  @Test
  void onceScriptedReadinessFailureHitsOnlyTheNextCall() {
    runtime.install(spec, Secret.of("token"));
    runtime.failReadinessOnceWith(
        new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, "api server restarting"));
    List<String> progress = new ArrayList<>();

    assertPortError(
        TransientException.class,
        ErrorCode.RUNTIME_UNAVAILABLE,
        () -> runtime.awaitReady(spec.ref(), Duration.ofMinutes(6), progress::add));
    runtime.awaitReady(spec.ref(), Duration.ofMinutes(6), progress::add);

    assertThat(progress).containsExactly("pod " + spec.ref().release() + "-0 is ready");
  }

  @Test
  void scriptedInstallFailureIsThrown() {
    runtime.failInstallWith(
        new PermanentException(ErrorCode.RUNTIME_FAILED, "admission webhook denied"));

    assertPortError(
        PermanentException.class,
        ErrorCode.RUNTIME_FAILED,
        () -> runtime.install(spec, Secret.of("token")));
    assertThat(runtime.release(spec.ref())).isEmpty();
  }

  @Test
  void destroyedReleasesAreRecordedAndCanBeInstalledAgainByAnotherTenant() {
    runtime.install(spec, Secret.of("token"));
    runtime.destroy(spec.ref());
    InstanceSpec successor =
        new InstanceSpec(
            Fixtures.tenantId(), Fixtures.instanceId(), spec.ref(), "2026.2.0", spec.resources());

    runtime.install(successor, Secret.of("token"));

    assertThat(runtime.destroyed()).containsExactly(spec.ref());
    assertThat(runtime.release(spec.ref()).orElseThrow().tenantId())
        .isEqualTo(successor.tenantId());
  }
}
