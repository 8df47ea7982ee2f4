package io.servicetsunami.adapters.k8s;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Secret;
import io.servicetsunami.adapters.k8s.FakeKubelet.Trouble;
import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReadyRelease;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import io.servicetsunami.ports.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime against the fabric8 mock API server in CRUD mode, with {@link FakeKubelet} playing
 * the controllers step by step. The mock rejects server-side apply, so these runs also prove the
 * fallback to create-or-merge.
 */
class KubernetesInstanceRuntimeLifecycleTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:15:30.123Z");
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);

  private static MockCluster cluster;
  private static FakeKubelet kubelet;
  private static KubernetesInstanceRuntime runtime;

  @BeforeAll
  static void startCluster() {
    cluster = MockCluster.start();
    kubelet = new FakeKubelet(cluster.client, "prod");
    runtime =
        new KubernetesInstanceRuntime(
            cluster.client, TestSettings.fast(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void releaseGoesThroughItsWholeLifecycle() throws Exception {
    TenantId tenant = Fixtures.tenantId();
    InstanceSpec spec = Fixtures.instanceSpec(tenant);
    ReleaseRef ref = spec.ref();
    Secret token = Secret.of("gateway-token-1");

    // install
    runtime.install(spec, token);

    assertThat(cluster.objectCount(ref)).isEqualTo(5);
    assertThat(cluster.deployments(ref)).singleElement().satisfies(d -> assertOwned(d, spec));
    assertThat(cluster.services(ref)).singleElement().satisfies(s -> assertOwned(s, spec));
    assertThat(cluster.configMaps(ref)).singleElement().satisfies(c -> assertOwned(c, spec));
    assertThat(cluster.claims(ref)).singleElement().satisfies(c -> assertOwned(c, spec));
    V1Secret secret = cluster.secrets(ref).get(0);
    assertOwned(secret, spec);
    assertThat(new String(secret.getData().get("OPENCLAW_GATEWAY_TOKEN"), StandardCharsets.UTF_8))
        .isEqualTo("gateway-token-1");
    assertThat(cluster.deployment(ref).getSpec().getReplicas()).isEqualTo(1);
    assertThat(cluster.pods(ref)).isEmpty();

    // ready
    kubelet.reconcile();
    List<String> progress = new ArrayList<>();
    ReadyRelease ready = runtime.awaitReady(ref, READY_TIMEOUT, progress::add);

    V1Pod pod = cluster.pods(ref).get(0);
    assertThat(ready.podName()).isEqualTo(pod.getMetadata().getName());
    assertThat(ready.internalUrl())
        .isEqualTo("http://" + ref.release() + ".prod.svc.cluster.local:18789")
        .isEqualTo(runtime.render(spec).internalUrl());
    assertThat(progress).last().asString().contains("running and ready");
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/instance", ref.release())
        .containsEntry("app.kubernetes.io/managed-by", "servicetsunami")
        .containsEntry("servicetsunami.io/tenant-id", tenant.toString());

    // stop
    runtime.stop(ref);
    kubelet.reconcile();

    assertThat(cluster.deployment(ref).getSpec().getReplicas()).isZero();
    assertThat(cluster.pods(ref)).isEmpty();
    assertThat(cluster.objectCount(ref)).isEqualTo(5);
    assertThat(runtime.logs(ref, 10)).as("a stopped gateway has no log").isEmpty();

    // start
    runtime.start(ref);
    kubelet.reconcile();

    assertThat(cluster.deployment(ref).getSpec().getReplicas()).isEqualTo(1);
    String startedPod = runtime.awaitReady(ref, READY_TIMEOUT, detail -> {}).podName();
    assertThat(startedPod).isNotEqualTo(pod.getMetadata().getName());

    // restart
    long generation = cluster.deployment(ref).getMetadata().getGeneration();
    runtime.restart(ref);

    V1Deployment restarted = cluster.deployment(ref);
    assertThat(restarted.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-11-27T10:15:30Z");
    assertThat(restarted.getMetadata().getGeneration()).isGreaterThan(generation);
    assertThat(restarted.getSpec().getReplicas()).isEqualTo(1);
    kubelet.reconcile();
    String restartedPod = runtime.awaitReady(ref, READY_TIMEOUT, detail -> {}).podName();
    assertThat(restartedPod).isNotEqualTo(startedPod);
    assertThat(cluster.pods(ref)).hasSize(1);

    // upgrade: install again with a new version and bigger resources
    InstanceSpec upgrade =
        new InstanceSpec(
            tenant,
            spec.instanceId(),
            ref,
            "2026.10.1",
            new ResourceSpec("500m", "2", "1Gi", "3Gi", "1Gi"));
    runtime.install(upgrade, token);

    V1Deployment upgraded = cluster.deployment(ref);
    V1Container gateway = upgraded.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(gateway.getImage()).isEqualTo("ghcr.io/openclaw/openclaw:2026.10.1");
    assertThat(gateway.getResources().getRequests().get("memory").toSuffixedString())
        .isEqualTo("1Gi");
    assertThat(upgraded.getMetadata().getAnnotations())
        .containsEntry("servicetsunami.io/openclaw-version", "2026.10.1");
    assertThat(upgraded.getSpec().getTemplate().getMetadata().getAnnotations())
        .as("the restart annotation belongs to another writer and survives the upgrade")
        .containsKey("kubectl.kubernetes.io/restartedAt");
    assertThat(cluster.objectCount(ref)).isEqualTo(5);
    kubelet.reconcile();
    String upgradedPod = runtime.awaitReady(ref, READY_TIMEOUT, detail -> {}).podName();
    assertThat(upgradedPod).isNotEqualTo(restartedPod);

    // logs
    cluster
        .server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/prod/pods/" + upgradedPod + "/log?container=openclaw&tailLines=2")
        .andReturn(
            200, "gateway listening on 0.0.0.0:18789\n{\"level\":\"info\",\"msg\":\"ready\"}\n")
        .once();

    assertThat(runtime.logs(ref, 2))
        .containsExactly(
            "gateway listening on 0.0.0.0:18789", "{\"level\":\"info\",\"msg\":\"ready\"}");

    // destroy
    runtime.destroy(ref);
    kubelet.reconcile();

    assertThat(cluster.objectCount(ref)).isZero();
    assertThat(cluster.pods(ref)).isEmpty();
    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime.logs(ref, 5));
  }

  @Test
  void installingTwiceLeavesOneSetOfObjects() throws Exception {
    InstanceSpec spec = Fixtures.instanceSpec(Fixtures.tenantId());

    runtime.install(spec, Secret.of("token"));
    V1ConfigMap first = cluster.configMaps(spec.ref()).get(0);
    runtime.install(spec, Secret.of("token"));

    assertThat(cluster.deployments(spec.ref())).hasSize(1);
    assertThat(cluster.services(spec.ref())).hasSize(1);
    assertThat(cluster.configMaps(spec.ref())).hasSize(1);
    assertThat(cluster.secrets(spec.ref())).hasSize(1);
    assertThat(cluster.claims(spec.ref())).hasSize(1);
    V1ConfigMap second = cluster.configMaps(spec.ref()).get(0);
    assertThat(second.getMetadata().getUid()).isEqualTo(first.getMetadata().getUid());
    assertThat(second.getData()).isEqualTo(first.getData());
    runtime.destroy(spec.ref());
  }

  @Test
  void installingOverAnotherTenantsReleaseIsRefusedAndChangesNothing() throws Exception {
    InstanceSpec owner = Fixtures.instanceSpec(Fixtures.tenantId());
    InstanceSpec intruder =
        new InstanceSpec(
            Fixtures.tenantId(),
            Fixtures.instanceId(),
            owner.ref(),
            "2026.10.1",
            ResourceSpec.DEFAULT);
    runtime.install(owner, Secret.of("owner-token"));

    ConflictException refused =
        assertPortError(
            ConflictException.class,
            ErrorCode.RELEASE_NAME_COLLISION,
            () -> runtime.install(intruder, Secret.of("intruder-token")));

    assertThat(refused.getMessage()).contains("belongs to another tenant");
    assertThat(refused.getMessage()).doesNotContain(owner.tenantId().toString());
    assertThat(cluster.deployment(owner.ref()).getMetadata().getLabels())
        .containsEntry("servicetsunami.io/tenant-id", owner.tenantId().toString());
    assertThat(
            new String(
                cluster.secrets(owner.ref()).get(0).getData().get("OPENCLAW_GATEWAY_TOKEN"),
                StandardCharsets.UTF_8))
        .isEqualTo("owner-token");
    runtime.destroy(owner.ref());
  }

  @Test
  void installingOverObjectsNotManagedByServiceTsunamiIsRefusedAndDestroyLeavesThem()
      throws Exception {
    InstanceSpec spec = Fixtures.instanceSpec(Fixtures.tenantId());
    ReleaseRef ref = spec.ref();
    cluster
        .core
        .createNamespacedConfigMap(
            "prod",
            new V1ConfigMap()
                .apiVersion("v1")
                .kind("ConfigMap")
                .metadata(
                    new V1ObjectMeta()
                        .name(ReleaseLayout.configMapName(ref))
                        .namespace("prod")
                        .labels(Map.of("team", "someone-else")))
                .data(Map.of("theirs", "true")))
        .execute();

    assertPortError(
        ConflictException.class,
        ErrorCode.RELEASE_NAME_COLLISION,
        () -> runtime.install(spec, Secret.of("token")));
    runtime.destroy(ref);

    assertThat(
            cluster
                .core
                .readNamespacedConfigMap(ReleaseLayout.configMapName(ref), "prod")
                .execute()
                .getData())
        .containsEntry("theirs", "true");
    cluster.core.deleteNamespacedConfigMap(ReleaseLayout.configMapName(ref), "prod").execute();
  }

  @Test
  void podStuckInImagePullBackOffFailsTheWaitWithinSecondsWithTheReason() {
    assertWaitFailsFast(Trouble.IMAGE_PULL_BACK_OFF, "ImagePullBackOff", "no-such-tag");
  }

  @Test
  void podInCrashLoopFailsTheWaitWithinSecondsWithTheReasonAndExitCode() {
    assertWaitFailsFast(Trouble.CRASH_LOOP_BACK_OFF, "CrashLoopBackOff", "exit code 78");
  }

  @Test
  void unschedulablePodFailsTheWaitOnceTheGracePeriodIsOver() {
    assertWaitFailsFast(Trouble.UNSCHEDULABLE, "Unschedulable", "Insufficient memory");
  }

  @Test
  void podThatNeverBecomesReadyTimesOutAsRetryableWithWhatItSaw() throws Exception {
    InstanceSpec spec = Fixtures.instanceSpec(Fixtures.tenantId());
    kubelet.troubleFor(spec.ref().release(), Trouble.STUCK_PENDING);
    runtime.install(spec, Secret.of("token"));
    kubelet.reconcile();

    TransientException timeout =
        assertPortError(
            TransientException.class,
            ErrorCode.RUNTIME_UNAVAILABLE,
            () -> runtime.awaitReady(spec.ref(), Duration.ofMillis(300), detail -> {}));

    assertThat(timeout.getMessage()).contains("not ready within PT0.3S").contains("Pending");
    runtime.destroy(spec.ref());
  }

  @Test
  void destroyingTwiceOrWhatNeverExistedIsDone() {
    InstanceSpec spec = Fixtures.instanceSpec(Fixtures.tenantId());
    runtime.install(spec, Secret.of("token"));

    runtime.destroy(spec.ref());

    assertThatCode(() -> runtime.destroy(spec.ref())).doesNotThrowAnyException();
    assertThatCode(() -> runtime.destroy(new ReleaseRef("prod", "openclaw-00000000")))
        .doesNotThrowAnyException();
  }

  @Test
  void operationsOnAMissingReleaseAreReleaseNotFound() {
    ReleaseRef missing = Fixtures.instanceSpec(Fixtures.tenantId()).ref();

    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime.stop(missing));
    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime.start(missing));
    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime.restart(missing));
    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime.logs(missing, 5));
    assertPortError(
        NotFoundException.class,
        ErrorCode.RELEASE_NOT_FOUND,
        () -> runtime.approveDevice(missing, "device", "key"));
  }

  @Test
  void stopAndStartTwiceAreStillOneReplicaOrNone() throws Exception {
    InstanceSpec spec = Fixtures.instanceSpec(Fixtures.tenantId());
    runtime.install(spec, Secret.of("token"));

    runtime.stop(spec.ref());
    runtime.stop(spec.ref());
    assertThat(cluster.deployment(spec.ref()).getSpec().getReplicas()).isZero();
    runtime.start(spec.ref());
    runtime.start(spec.ref());
    assertThat(cluster.deployment(spec.ref()).getSpec().getReplicas()).isEqualTo(1);
    runtime.destroy(spec.ref());
  }

  private static void assertWaitFailsFast(Trouble trouble, String reason, String detail) {
    InstanceSpec spec =
        new InstanceSpec(
            Fixtures.tenantId(),
            new InstanceId(java.util.UUID.randomUUID()),
            Fixtures.instanceSpec(Fixtures.tenantId()).ref(),
            "no-such-tag",
            ResourceSpec.DEFAULT);
    kubelet.troubleFor(spec.ref().release(), trouble);
    runtime.install(spec, Secret.of("token"));
    try {
      kubelet.reconcile();
      long start = System.nanoTime();

      PermanentException failed =
          assertPortError(
              PermanentException.class,
              ErrorCode.POD_FAILED,
              () -> runtime.awaitReady(spec.ref(), READY_TIMEOUT, detail2 -> {}));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(failed.getMessage())
          .contains(reason)
          .contains(detail)
          .contains(spec.ref().release());
      assertThat(failed.retryable()).isFalse();
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      runtime.destroy(spec.ref());
    }
  }

  private static void assertOwned(
      io.kubernetes.client.common.KubernetesObject object, InstanceSpec spec) {
    assertThat(object.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "openclaw")
        .containsEntry("app.kubernetes.io/instance", spec.ref().release())
        .containsEntry("app.kubernetes.io/managed-by", "servicetsunami")
        .containsEntry("servicetsunami.io/tenant-id", spec.tenantId().toString())
        .containsEntry("servicetsunami.io/instance-id", spec.instanceId().toString());
    assertThat(object.getMetadata().getNamespace()).isEqualTo("prod");
  }
}
