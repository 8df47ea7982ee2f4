package io.servicetsunami.adapters.k8s;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1ReplicaSet;
import io.kubernetes.client.openapi.models.V1ReplicaSetSpec;
import io.kubernetes.client.util.PatchUtils;
import io.servicetsunami.adapters.k8s.FakeKubelet.Trouble;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import io.servicetsunami.ports.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Right after an upgrade, the previous revision's pod may still be crash-looping: only pods of the
 * Deployment's current ReplicaSet (found by revision, as {@code kubectl rollout status} does) may
 * fail the wait. Objects are laid out by hand here, the way the Deployment controller would.
 */
class UpgradeAwayFromACrashLoopTest {

  private static MockCluster cluster;
  private static KubernetesInstanceRuntime runtime;

  @BeforeAll
  static void startCluster() {
    cluster = MockCluster.start();
    runtime = new KubernetesInstanceRuntime(cluster.client, TestSettings.fast(), Clock.systemUTC());
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void theOldRevisionsCrashLoopDoesNotFailTheWaitForTheNewOne() throws Exception {
    ReleaseRef ref = installedAtRevision2();
    replicaSet(ref, "old1111", "1");
    replicaSet(ref, "new2222", "2");
    V1Pod old = pod(ref, "old1111", Trouble.CRASH_LOOP_BACK_OFF);
    V1Pod fresh = pod(ref, "new2222", Trouble.STUCK_PENDING);
    deploymentStatus(ref, 0);

    assertPortError(
        TransientException.class,
        ErrorCode.RUNTIME_UNAVAILABLE,
        () -> runtime.awaitReady(ref, Duration.ofMillis(200), detail -> {}));

    cluster.core.deleteNamespacedPod(old.getMetadata().getName(), "prod").execute();
    cluster.core.deleteNamespacedPod(fresh.getMetadata().getName(), "prod").execute();
    V1Pod ready = pod(ref, "new2222", Trouble.NONE);
    deploymentStatus(ref, 1);
    assertThat(runtime.awaitReady(ref, Duration.ofSeconds(5), detail -> {}).podName())
        .isEqualTo(ready.getMetadata().getName());
  }

  @Test
  void aCrashLoopOfTheNewRevisionFailsAtOnce() throws Exception {
    ReleaseRef ref = installedAtRevision2();
    replicaSet(ref, "old1111", "1");
    replicaSet(ref, "new2222", "2");
    pod(ref, "new2222", Trouble.CRASH_LOOP_BACK_OFF);
    deploymentStatus(ref, 0);

    PermanentException failed =
        assertPortError(
            PermanentException.class,
            ErrorCode.POD_FAILED,
            () -> runtime.awaitReady(ref, Duration.ofMinutes(6), detail -> {}));
    assertThat(failed.getMessage()).contains("CrashLoopBackOff");
  }

  private static ReleaseRef installedAtRevision2() throws Exception {
    InstanceSpec spec = Fixtures.instanceSpec(Fixtures.tenantId());
    runtime.install(spec, Secret.of("token"));
    String annotate =
        JSON.serialize(
            Map.of(
                "metadata", Map.of("annotations", Map.of(RolloutWatch.REVISION_ANNOTATION, "2"))));
    PatchUtils.patch(
        V1Deployment.class,
        () ->
            cluster
                .apps
                .patchNamespacedDeployment(spec.ref().release(), "prod", new V1Patch(annotate))
                .buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
        cluster.client);
    return spec.ref();
  }

  private static void deploymentStatus(ReleaseRef ref, int available) throws Exception {
    V1Deployment deployment = cluster.deployment(ref);
    String status =
        JSON.serialize(
            Map.of(
                "status",
                Map.of(
                    "observedGeneration",
                    deployment.getMetadata().getGeneration(),
                    "replicas",
                    1,
                    "updatedReplicas",
                    1,
                    "availableReplicas",
                    available)));
    PatchUtils.patch(
        V1Deployment.class,
        () ->
            cluster
                .apps
                .patchNamespacedDeploymentStatus(ref.release(), "prod", new V1Patch(status))
                .buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
        cluster.client);
  }

  private static void replicaSet(ReleaseRef ref, String hash, String revision) throws Exception {
    V1Deployment deployment = cluster.deployment(ref);
    cluster
        .apps
        .createNamespacedReplicaSet(
            "prod",
            new V1ReplicaSet()
                .apiVersion("apps/v1")
                .kind("ReplicaSet")
                .metadata(
                    new V1ObjectMeta()
                        .name(ref.release() + "-" + hash)
                        .namespace("prod")
                        .labels(labels(deployment, hash))
                        .annotations(Map.of(RolloutWatch.REVISION_ANNOTATION, revision)))
                .spec(
                    new V1ReplicaSetSpec()
                        .selector(deployment.getSpec().getSelector())
                        .template(deployment.getSpec().getTemplate())))
        .execute();
  }

  private static V1Pod pod(ReleaseRef ref, String hash, Trouble trouble) throws Exception {
    V1Deployment deployment = cluster.deployment(ref);
    return cluster
        .core
        .createNamespacedPod(
            "prod",
            new V1Pod()
                .apiVersion("v1")
                .kind("Pod")
                .metadata(
                    new V1ObjectMeta()
                        .name(
                            ref.release()
                                + "-"
                                + hash
                                + "-"
                                + trouble.name().toLowerCase().replace('_', '-'))
                        .namespace("prod")
                        .labels(labels(deployment, hash))
                        .creationTimestamp(OffsetDateTime.now(ZoneOffset.UTC)))
                .spec(deployment.getSpec().getTemplate().getSpec())
                .status(FakeKubelet.status(trouble)))
        .execute();
  }

  private static Map<String, String> labels(V1Deployment deployment, String hash) {
    Map<String, String> labels =
        new TreeMap<>(deployment.getSpec().getTemplate().getMetadata().getLabels());
    labels.put(RolloutWatch.TEMPLATE_HASH_LABEL, hash);
    return labels;
  }
}
