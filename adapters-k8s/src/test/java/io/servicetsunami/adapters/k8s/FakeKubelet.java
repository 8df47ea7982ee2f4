package io.servicetsunami.adapters.k8s;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateRunning;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStateWaiting;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.util.PatchUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the Deployment controller, the scheduler, the kubelet and the garbage collector for the
 * mock API server, which has none of them: for every Deployment it keeps one pod of the current pod
 * template while replicas is 1 (a new template — restart annotation, new image — replaces the pod),
 * none at 0, reports the Deployment's status, and deletes pods whose Deployment is gone. A release
 * can be given {@link Trouble}, in which case its pods never become ready.
 */
final class FakeKubelet implements AutoCloseable {

  enum Trouble {
    NONE,
    IMAGE_PULL_BACK_OFF,
    CRASH_LOOP_BACK_OFF,
    UNSCHEDULABLE,
    /** Scheduled but never started: no container status at all. */
    STUCK_PENDING
  }

  static final String TEMPLATE_HASH = "fake-kubelet/template-hash";

  private final ApiClient client;
  private final CoreV1Api core;
  private final AppsV1Api apps;
  private final String namespace;
  private final Map<String, Trouble> trouble = new ConcurrentHashMap<>();
  private final AtomicInteger podCounter = new AtomicInteger();
  private ScheduledExecutorService background;

  FakeKubelet(ApiClient client, String namespace) {
    this.client = client;
    this.core = new CoreV1Api(client);
    this.apps = new AppsV1Api(client);
    this.namespace = namespace;
  }

  void troubleFor(String release, Trouble kind) {
    trouble.put(release, kind);
  }

  /** Reconciles every few milliseconds until closed, as a cluster would on its own. */
  FakeKubelet runInBackground() {
    background =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "fake-kubelet");
              thread.setDaemon(true);
              return thread;
            });
    background.scheduleWithFixedDelay(
        () -> {
          try {
            reconcile();
          } catch (ApiException | RuntimeException e) {
            // objects come and go under the tests' feet; the next round sees the new state
          }
        },
        0,
        20,
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** One round: pods follow their Deployments, Deployment status follows the pods. */
  synchronized void reconcile() throws ApiException {
    Set<String> releases = new HashSet<>();
    for (V1Deployment deployment : apps.listNamespacedDeployment(namespace).execute().getItems()) {
      releases.add(deployment.getMetadata().getName());
      reconcile(deployment);
    }
    for (V1Pod pod : core.listNamespacedPod(namespace).execute().getItems()) {
      String release = pod.getMetadata().getLabels().get(ReleaseLayout.INSTANCE_LABEL);
      if (!releases.contains(release)) {
        deletePod(pod);
      }
    }
  }

  private void reconcile(V1Deployment deployment) throws ApiException {
    String name = deployment.getMetadata().getName();
    Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
    String hash = templateHash(deployment);
    int desired =
        deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    List<V1Pod> pods =
        core.listNamespacedPod(namespace).labelSelector(selector(selector)).execute().getItems();
    boolean current = false;
    for (V1Pod pod : pods) {
      boolean ofTemplate = hash.equals(pod.getMetadata().getAnnotations().get(TEMPLATE_HASH));
      if (desired == 0 || !ofTemplate) {
        deletePod(pod);
      } else {
        current = true;
      }
    }
    Trouble kind = trouble.getOrDefault(name, Trouble.NONE);
    if (desired > 0 && !current) {
      createPod(deployment, hash, kind);
    }
    int ready = desired > 0 && kind == Trouble.NONE ? desired : 0;
    String status =
        JSON.serialize(
            Map.of(
                "status",
                Map.of(
                    "observedGeneration", deployment.getMetadata().getGeneration(),
                    "replicas", desired,
                    "updatedReplicas", desired,
                    "readyReplicas", ready,
                    "availableReplicas", ready)));
    PatchUtils.patch(
        V1Deployment.class,
        () ->
            apps.patchNamespacedDeploymentStatus(name, namespace, new V1Patch(status))
                .buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
        client);
  }

  private void createPod(V1Deployment deployment, String hash, Trouble kind) throws ApiException {
    String name =
        deployment.getMetadata().getName()
            + "-"
            + hash.substring(0, 8)
            + "-"
            + podCounter.incrementAndGet();
    V1Pod pod =
        new V1Pod()
            .apiVersion("v1")
            .kind("Pod")
            .metadata(
                new V1ObjectMeta()
                    .name(name)
                    .namespace(namespace)
                    .labels(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .annotations(Map.of(TEMPLATE_HASH, hash))
                    .creationTimestamp(OffsetDateTime.now(ZoneOffset.UTC)))
            .spec(deployment.getSpec().getTemplate().getSpec())
            .status(status(kind));
    core.createNamespacedPod(namespace, pod).execute();
  }

  private void deletePod(V1Pod pod) throws ApiException {
    try {
      core.deleteNamespacedPod(pod.getMetadata().getName(), namespace).execute();
    } catch (ApiException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    } catch (RuntimeException answerNotAStatus) {
      // the mock answers a pod delete with the pod, which the client reads as a Status
    }
  }

  static V1PodStatus status(Trouble kind) {
    V1ContainerStatus seed =
        new V1ContainerStatus()
            .name("seed-config")
            .image("ghcr.io/openclaw/openclaw")
            .imageID("")
            .ready(true)
            .restartCount(0)
            .state(
                new V1ContainerState()
                    .terminated(new V1ContainerStateTerminated().exitCode(0).reason("Completed")));
    V1ContainerStatus gateway =
        new V1ContainerStatus()
            .name(ReleaseLayout.CONTAINER)
            .image("ghcr.io/openclaw/openclaw")
            .imageID("")
            .restartCount(0);
    switch (kind) {
      case NONE:
        return new V1PodStatus()
            .phase("Running")
            .conditions(
                List.of(
                    condition("PodScheduled", "True", null, null),
                    condition("ContainersReady", "True", null, null),
                    condition("Ready", "True", null, null)))
            .initContainerStatuses(List.of(seed))
            .containerStatuses(
                List.of(
                    gateway
                        .ready(true)
                        .started(true)
                        .state(new V1ContainerState().running(new V1ContainerStateRunning()))));
      case IMAGE_PULL_BACK_OFF:
        return new V1PodStatus()
            .phase("Pending")
            .conditions(
                List.of(
                    condition("PodScheduled", "True", null, null),
                    condition("Ready", "False", "ContainersNotReady", null)))
            .initContainerStatuses(
                List.of(
                    seed.ready(false)
                        .state(
                            new V1ContainerState()
                                .waiting(
                                    new V1ContainerStateWaiting()
                                        .reason("ImagePullBackOff")
                                        .message(
                                            "Back-off pulling image"
                                                + " \"ghcr.io/openclaw/openclaw:no-such-tag\"")))))
            .containerStatuses(
                List.of(
                    gateway
                        .ready(false)
                        .state(
                            new V1ContainerState()
                                .waiting(
                                    new V1ContainerStateWaiting().reason("PodInitializing")))));
      case CRASH_LOOP_BACK_OFF:
        return new V1PodStatus()
            .phase("Running")
            .conditions(
                List.of(
                    condition("PodScheduled", "True", null, null),
                    condition("Ready", "False", "ContainersNotReady", null)))
            .initContainerStatuses(List.of(seed))
            .containerStatuses(
                List.of(
                    gateway
                        .ready(false)
                        .restartCount(4)
                        .state(
                            new V1ContainerState()
                                .waiting(
                                    new V1ContainerStateWaiting()
                                        .reason("CrashLoopBackOff")
                                        .message(
                                            "back-off 1m20s restarting failed container=openclaw")))
                        .lastState(
                            new V1ContainerState()
                                .terminated(
                                    new V1ContainerStateTerminated()
                                        .exitCode(78)
                                        .reason("Error")))));
      case UNSCHEDULABLE:
        return new V1PodStatus()
            .phase("Pending")
            .conditions(
                List.of(
                    condition(
                        "PodScheduled",
                        "False",
                        "Unschedulable",
                        "0/3 nodes are available: 3 Insufficient memory.")));
      case STUCK_PENDING:
        return new V1PodStatus()
            .phase("Pending")
            .conditions(List.of(condition("PodScheduled", "True", null, null)));
      default:
        throw new IllegalArgumentException(kind.name());
    }
  }

  private static V1PodCondition condition(
      String type, String status, String reason, String message) {
    return new V1PodCondition().type(type).status(status).reason(reason).message(message);
  }

  private static String selector(Map<String, String> labels) {
    StringBuilder selector = new StringBuilder();
    labels.forEach(
        (key, value) ->
            selector
                .append(selector.length() == 0 ? "" : ",")
                .append(key)
                .append('=')
                .append(value));
    return selector.toString();
  }

  private static String templateHash(V1Deployment deployment) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  JSON.serialize(deployment.getSpec().getTemplate())
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (background != null) {
      background.shutdownNow();
      try {
        background.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
