package io.servicetsunami.adapters.k8s;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.out.InstanceRuntime.Progress;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Waits for a release's rollout by polling, the way {@code kubectl rollout status} decides: the
 * Deployment has seen its latest spec, all replicas run it and one is available — and a pod of the
 * release is Running and Ready (its readiness probe is the gateway's {@code /readyz}).
 *
 * <p>It does not wait out the timeout for pods that cannot start: a container of the current
 * ReplicaSet's pods waiting in one of {@link #FAIL_FAST} fails the wait at once, and a pod that
 * stays unschedulable past a grace period fails it too. Polling rather than watching: one release,
 * a deadline of minutes, and HTTP watches need reconnect and resourceVersion handling for no gain
 * here. Everything is read as raw JSON (see {@link Fields}).
 */
final class RolloutWatch {

  /**
   * Waiting reasons that do not go away by themselves. {@code ErrImagePull} is left out on purpose:
   * it is the first failed pull, often a registry hiccup, and turns into {@code ImagePullBackOff}
   * within seconds if it persists.
   */
  static final Set<String> FAIL_FAST =
      Set.of(
          "ImagePullBackOff",
          "InvalidImageName",
          "ErrImageNeverPull",
          "CreateContainerConfigError",
          "CrashLoopBackOff");

  static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
  static final String TEMPLATE_HASH_LABEL = "pod-template-hash";

  /** What the runtime needs to know about a pod. */
  record Pod(
      String name,
      Map<String, String> labels,
      String created,
      String phase,
      List<JsonObject> conditions,
      List<JsonObject> containerStatuses) {

    boolean isRunningAndReady() {
      return "Running".equals(phase) && condition("Ready").map("True"::equals).orElse(false);
    }

    Optional<String> condition(String type) {
      return conditions.stream()
          .filter(c -> type.equals(Fields.text(c, "type")))
          .map(c -> Fields.text(c, "status"))
          .findFirst();
    }

    Optional<JsonObject> unschedulable() {
      return conditions.stream()
          .filter(c -> "PodScheduled".equals(Fields.text(c, "type")))
          .filter(c -> "False".equals(Fields.text(c, "status")))
          .filter(c -> "Unschedulable".equals(Fields.text(c, "reason")))
          .findFirst();
    }

    static Pod of(JsonObject json) {
      List<JsonObject> statuses =
          new ArrayList<>(Fields.objects(json, "status", "initContainerStatuses"));
      statuses.addAll(Fields.objects(json, "status", "containerStatuses"));
      String created = Fields.text(json, "metadata", "creationTimestamp");
      return new Pod(
          Fields.text(json, "metadata", "name"),
          Fields.map(json, "metadata", "labels"),
          created == null ? "" : created,
          Fields.text(json, "status", "phase"),
          Fields.objects(json, "status", "conditions"),
          statuses);
    }
  }

  private final ApiClient client;
  private final KubeKind<V1Deployment> deployments;
  private final CoreV1Api core;
  private final AppsV1Api apps;
  private final Duration pollInterval;
  private final Duration unschedulableGrace;

  RolloutWatch(
      ApiClient client,
      KubeKind<V1Deployment> deployments,
      Duration pollInterval,
      Duration unschedulableGrace) {
    this.client = requireNonNull(client, "client is null");
    this.deployments = requireNonNull(deployments, "deployments is null");
    this.core = new CoreV1Api(client);
    this.apps = new AppsV1Api(client);
    this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
    this.unschedulableGrace = requireNonNull(unschedulableGrace, "unschedulableGrace is null");
  }

  /** The name of the ready pod, once the rollout is complete. */
  String awaitReadyPod(ReleaseRef ref, Duration timeout, Progress progress) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Long> unschedulableSince = new HashMap<>();
    while (true) {
      Observation seen;
      try {
        seen = observe(ref, unschedulableSince);
      } catch (ApiException e) {
        if (!KubernetesErrors.isTransient(e)) {
          throw KubernetesErrors.translate(
              e, "wait for release " + ref.release() + " in " + ref.namespace(), null);
        }
        // The API server being briefly away is no reason to give up the wait.
        seen = new Observation(Optional.empty(), KubernetesErrors.describe(e));
      }
      if (seen.readyPod().isPresent()) {
        progress.report("pod " + seen.readyPod().get() + " is running and ready");
        return seen.readyPod().get();
      }
      progress.report(seen.detail());
      long now = System.nanoTime();
      if (now >= deadline) {
        throw new TransientException(
            ErrorCode.RUNTIME_UNAVAILABLE,
            "release "
                + ref.release()
                + " in "
                + ref.namespace()
                + " not ready within "
                + timeout
                + ": "
                + seen.detail());
      }
      sleep(Math.min(pollInterval.toNanos(), deadline - now));
    }
  }

  /** The newest pod of the release that is Running and Ready, if any. */
  Optional<Pod> readyPod(ReleaseRef ref) throws ApiException {
    return activePods(ref).stream().filter(Pod::isRunningAndReady).findFirst();
  }

  /** The release's pods that are not on their way out, newest first. */
  List<Pod> activePods(ReleaseRef ref) throws ApiException {
    JsonObject list =
        Manifests.parse(
            KubeKind.send(
                client,
                core.listNamespacedPod(ref.namespace())
                    .labelSelector(ReleaseLayout.podSelector(ref))
                    .buildCall(null)
                    .request()));
    return Fields.objects(list, "items").stream()
        .filter(pod -> !Fields.present(pod, "metadata", "deletionTimestamp"))
        .map(Pod::of)
        .filter(pod -> !"Succeeded".equals(pod.phase()) && !"Failed".equals(pod.phase()))
        .sorted(Comparator.comparing(Pod::created).reversed())
        .collect(Collectors.toList());
  }

  private record Observation(Optional<String> readyPod, String detail) {}

  private Observation observe(ReleaseRef ref, Map<String, Long> unschedulableSince)
      throws ApiException {
    Optional<JsonObject> found =
        deployments.get(ref.namespace(), ReleaseLayout.deploymentName(ref));
    if (found.isEmpty()) {
      return new Observation(Optional.empty(), "deployment " + ref.release() + " does not exist");
    }
    JsonObject deployment = found.get();
    long desired = Fields.number(deployment, 1, "spec", "replicas");
    if (desired == 0) {
      return new Observation(Optional.empty(), "deployment is scaled to zero (stopped)");
    }
    List<Pod> pods = activePods(ref);
    if (observedLatest(deployment)) {
      // Only pods of the current template can fail the wait: right after an upgrade that fixes a
      // crash loop, the old pod may still be crash-looping for a moment.
      Optional<String> currentHash = currentTemplateHash(ref, deployment);
      for (Pod pod : pods) {
        if (currentHash.isEmpty()
            || currentHash.get().equals(pod.labels().get(TEMPLATE_HASH_LABEL))) {
          failFast(ref, pod, unschedulableSince);
        }
      }
    }
    String rollout = rolloutDetail(deployment, desired);
    Optional<Pod> ready = pods.stream().filter(Pod::isRunningAndReady).findFirst();
    if (rollout.isEmpty() && ready.isPresent()) {
      return new Observation(Optional.of(ready.get().name()), "ready");
    }
    String podDetail =
        pods.isEmpty()
            ? "no pod yet"
            : pods.stream().map(RolloutWatch::podDetail).collect(Collectors.joining("; "));
    return new Observation(
        Optional.empty(), (rollout.isEmpty() ? "rolled out" : rollout) + "; " + podDetail);
  }

  private static boolean observedLatest(JsonObject deployment) {
    return Fields.number(deployment, 0, "status", "observedGeneration")
        >= Fields.number(deployment, 0, "metadata", "generation");
  }

  /**
   * The {@code pod-template-hash} of the Deployment's current ReplicaSet — the one at the
   * Deployment's revision, as {@code kubectl rollout status} finds it — or empty when that cannot
   * be told (then every pod counts as current).
   */
  private Optional<String> currentTemplateHash(ReleaseRef ref, JsonObject deployment)
      throws ApiException {
    String revision = Fields.map(deployment, "metadata", "annotations").get(REVISION_ANNOTATION);
    if (revision == null) {
      return Optional.empty();
    }
    JsonObject replicaSets =
        Manifests.parse(
            KubeKind.send(
                client,
                apps.listNamespacedReplicaSet(ref.namespace())
                    .labelSelector(ReleaseLayout.podSelector(ref))
                    .buildCall(null)
                    .request()));
    for (JsonObject replicaSet : Fields.objects(replicaSets, "items")) {
      if (revision.equals(
          Fields.map(replicaSet, "metadata", "annotations").get(REVISION_ANNOTATION))) {
        return Optional.ofNullable(
            Fields.map(replicaSet, "metadata", "labels").get(TEMPLATE_HASH_LABEL));
      }
    }
    return Optional.empty();
  }

  /** Empty when the Deployment has rolled out, otherwise what it is still doing. */
  private static String rolloutDetail(JsonObject deployment, long desired) {
    long generation = Fields.number(deployment, 0, "metadata", "generation");
    if (!Fields.present(deployment, "status") || !observedLatest(deployment)) {
      return "deployment generation " + generation + " not observed yet";
    }
    long updated = Fields.number(deployment, 0, "status", "updatedReplicas");
    long available = Fields.number(deployment, 0, "status", "availableReplicas");
    if (updated < desired || available < 1) {
      return "deployment: " + updated + "/" + desired + " updated, " + available + " available";
    }
    return "";
  }

  private void failFast(ReleaseRef ref, Pod pod, Map<String, Long> unschedulableSince) {
    for (JsonObject status : pod.containerStatuses()) {
      String reason = Fields.text(status, "state", "waiting", "reason");
      if (reason != null && FAIL_FAST.contains(reason)) {
        String message = Fields.text(status, "state", "waiting", "message");
        throw new PermanentException(
            ErrorCode.POD_FAILED,
            "gateway pod "
                + pod.name()
                + " of release "
                + ref.release()
                + " cannot start: container "
                + Fields.text(status, "name")
                + " is in "
                + reason
                + (message == null || message.isBlank() ? "" : ": " + message)
                + lastTermination(status));
      }
    }
    Optional<JsonObject> unschedulable = pod.unschedulable();
    if (unschedulable.isEmpty()) {
      unschedulableSince.remove(pod.name());
      return;
    }
    long since = unschedulableSince.computeIfAbsent(pod.name(), key -> System.nanoTime());
    if (System.nanoTime() - since >= unschedulableGrace.toNanos()) {
      String message = Fields.text(unschedulable.get(), "message");
      throw new PermanentException(
          ErrorCode.POD_FAILED,
          "gateway pod "
              + pod.name()
              + " of release "
              + ref.release()
              + " cannot start: Unschedulable"
              + (message == null ? "" : ": " + message));
    }
  }

  // A crash loop says more through how the last run ended (e.g. exit code 78: bad config).
  private static String lastTermination(JsonObject status) {
    if (!Fields.present(status, "lastState", "terminated")) {
      return "";
    }
    String reason = Fields.text(status, "lastState", "terminated", "reason");
    return " (last run: exit code "
        + Fields.number(status, -1, "lastState", "terminated", "exitCode")
        + (reason == null ? "" : ", " + reason)
        + ")";
  }

  private static String podDetail(Pod pod) {
    StringBuilder detail = new StringBuilder("pod ").append(pod.name());
    detail.append(' ').append(pod.phase() == null ? "Pending" : pod.phase());
    pod.unschedulable().ifPresent(c -> detail.append(", unschedulable"));
    for (JsonObject status : pod.containerStatuses()) {
      String waiting = Fields.text(status, "state", "waiting", "reason");
      if (waiting != null) {
        detail.append(", ").append(Fields.text(status, "name")).append(' ').append(waiting);
      }
    }
    return detail.toString();
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Math.max(1, nanos / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, "the wait was interrupted", e);
    }
  }
}
