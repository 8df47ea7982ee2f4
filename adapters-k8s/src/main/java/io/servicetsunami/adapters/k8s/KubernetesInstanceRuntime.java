package io.servicetsunami.adapters.k8s;

import static java.util.Objects.requireNonNull;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.InstanceRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tenants' OpenClaw gateways on Kubernetes, through the official client. A release is the set of
 * objects {@link OpenClawReleaseRenderer} renders (ConfigMap, Secret, PVC, Service, Deployment),
 * labelled with the release and the owning tenant; there is no Helm release record.
 *
 * <ul>
 *   <li>install/upgrade: refuses a release whose objects belong to another tenant (or to nobody we
 *       know), then applies secret, config, volume, service and deployment in that order with
 *       server-side apply — or create-or-merge where the API server cannot apply — so running it
 *       again converges to the same objects;
 *   <li>awaitReady: polls until the rollout is complete and a pod is Running and Ready, failing at
 *       once with the reason on image pull errors, crash loops and persistent unschedulability;
 *   <li>stop/start: a merge patch of {@code spec.replicas} to 0/1; restart: the pod-template
 *       annotation {@code kubectl.kubernetes.io/restartedAt}, as {@code kubectl rollout restart};
 *   <li>destroy: deletes the release's named objects, then its volumes by label; what is gone
 *       counts as deleted, and objects not managed by ServiceTsunami are never touched;
 *   <li>logs: the last lines of the newest pod's gateway container;
 *   <li>approveDevice: approves the device's pending pairing request from inside the pod (see
 *       {@link DevicePairing}).
 * </ul>
 *
 * Client failures become port errors here: unreachable, 409, 429 and 5xx are {@code
 * runtime_unavailable} (retryable), refusals {@code runtime_failed}, a missing release {@code
 * release_not_found}.
 */
public final class KubernetesInstanceRuntime implements InstanceRuntime {

  @FunctionalInterface
  private interface ClusterCall<T> {
    T call() throws ApiException;
  }

  private final OpenClawReleaseRenderer renderer;
  private final Clock clock;
  private final ObjectApplier applier;
  private final CoreV1Api core;
  private final ApiClient client;
  private final KubeKind<V1Secret> secrets;
  private final KubeKind<V1ConfigMap> configMaps;
  private final KubeKind<V1PersistentVolumeClaim> claims;
  private final KubeKind<V1Service> services;
  private final KubeKind<V1Deployment> deployments;
  private final RolloutWatch rollout;
  private final DevicePairing pairing;

  public KubernetesInstanceRuntime(ApiClient client, KubernetesSettings settings) {
    this(client, settings, Clock.systemUTC());
  }

  public KubernetesInstanceRuntime(ApiClient client, KubernetesSettings settings, Clock clock) {
    this(client, settings, clock, new ExecPodCommands(requireNonNull(client, "client is null")));
  }

  KubernetesInstanceRuntime(
      ApiClient client, KubernetesSettings settings, Clock clock, PodCommands commands) {
    this.client = requireNonNull(client, "client is null");
    requireNonNull(settings, "settings is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.renderer = new OpenClawReleaseRenderer(settings.template());
    this.applier = new ObjectApplier(settings.applyMode());
    this.core = new CoreV1Api(client);
    this.secrets = KubeKind.secrets(client);
    this.configMaps = KubeKind.configMaps(client);
    this.claims = KubeKind.claims(client);
    this.services = KubeKind.services(client);
    this.deployments = KubeKind.deployments(client);
    this.rollout =
        new RolloutWatch(
            client, deployments, settings.pollInterval(), settings.unschedulableGrace());
    this.pairing =
        new DevicePairing(
            commands,
            settings.template().openclawCommand(),
            settings.commandTimeout(),
            settings.pairingWait(),
            settings.pollInterval());
  }

  /** The renderer this runtime installs with, e.g. to write the Helm values file. */
  public OpenClawReleaseRenderer renderer() {
    return renderer;
  }

  @Override
  public ReleasePlan render(InstanceSpec spec) {
    return renderer.plan(requireNonNull(spec, "spec is null"));
  }

  @Override
  public void install(InstanceSpec spec, Secret gatewayToken) {
    requireNonNull(spec, "spec is null");
    requireNonNull(gatewayToken, "gatewayToken is null");
    ReleaseRef ref = spec.ref();
    ReleaseObjects objects;
    V1Secret secret;
    try {
      objects = renderer.objects(spec);
      secret = renderer.secret(spec, gatewayToken);
    } catch (IllegalArgumentException e) {
      // e.g. a resource quantity Kubernetes cannot read: the cluster would refuse it the same way
      throw new PermanentException(
          ErrorCode.RUNTIME_FAILED,
          "cannot render release " + ref.release() + ": " + e.getMessage(),
          e);
    }
    call(
        "install release " + ref.release() + " in " + ref.namespace(),
        null, // a 404 here is a refusal (e.g. no such namespace), not a missing release
        () -> {
          refuseCollision(spec);
          applier.apply(secrets, secret);
          applier.apply(configMaps, objects.config());
          applier.apply(claims, objects.state());
          applier.apply(services, objects.service());
          applier.apply(deployments, objects.deployment());
          return null;
        });
  }

  @Override
  public ReadyRelease awaitReady(ReleaseRef ref, Duration timeout, Progress progress) {
    ReleaseLayout.valid(ref);
    requireNonNull(timeout, "timeout is null");
    requireNonNull(progress, "progress is null");
    String pod =
        call(
            "wait for release " + ref.release() + " in " + ref.namespace(),
            null,
            () -> rollout.awaitReadyPod(ref, timeout, progress));
    return new ReadyRelease(ref, renderer.internalUrl(ref), pod);
  }

  /**
   * Approves the device's pending pairing request from inside the gateway pod, with the gateway's
   * own CLI over {@code pods/exec}; a device paired already needs nothing. The device then receives
   * its token from the gateway itself ({@code hello-ok.auth.deviceToken} on its next connect).
   *
   * @throws TransientException {@code runtime_unavailable} when no pod is ready or the device has
   *     not asked to be paired within the pairing wait
   */
  @Override
  public DeviceApproval approveDevice(ReleaseRef ref, String deviceId, String devicePublicKey) {
    ReleaseLayout.valid(ref);
    requireNonNull(deviceId, "deviceId is null");
    requireNonNull(devicePublicKey, "devicePublicKey is null");
    return approveInPod(ref, deviceId, devicePublicKey).outcome() == DevicePairing.Outcome.APPROVED
        ? DeviceApproval.APPROVED
        : DeviceApproval.ALREADY_PAIRED;
  }

  DevicePairing.Approval approveInPod(ReleaseRef ref, String deviceId, String devicePublicKey) {
    return call(
        "pair device " + deviceId + " with release " + ref.release() + " in " + ref.namespace(),
        KubernetesErrors.releaseNotFound(),
        () -> {
          requireRelease(ref);
          RolloutWatch.Pod pod =
              rollout
                  .readyPod(ref)
                  .orElseThrow(
                      () ->
                          new TransientException(
                              ErrorCode.RUNTIME_UNAVAILABLE,
                              "release " + ref.release() + " has no ready gateway pod to pair in"));
          return pairing.approve(ref.namespace(), pod.name(), deviceId, devicePublicKey);
        });
  }

  @Override
  public void stop(ReleaseRef ref) {
    scale(ref, 0, "stop");
  }

  @Override
  public void start(ReleaseRef ref) {
    scale(ref, 1, "start");
  }

  @Override
  public void restart(ReleaseRef ref) {
    ReleaseLayout.valid(ref);
    String now =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    String patch =
        JSON.serialize(
            Map.of(
                "spec",
                Map.of(
                    "template",
                    Map.of(
                        "metadata",
                        Map.of(
                            "annotations", Map.of(ReleaseLayout.RESTARTED_AT_ANNOTATION, now))))));
    // A JSON merge patch merges the annotation map just like kubectl's strategic merge patch.
    call(
        "restart release " + ref.release() + " in " + ref.namespace(),
        KubernetesErrors.releaseNotFound(),
        () -> {
          deployments.patch(
              ref.namespace(),
              ReleaseLayout.deploymentName(ref),
              patch,
              V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
              null);
          return null;
        });
  }

  @Override
  public void destroy(ReleaseRef ref) {
    ReleaseLayout.valid(ref);
    String namespace = ref.namespace();
    call(
        "destroy release " + ref.release() + " in " + namespace,
        null,
        () -> {
          deleteIfOurs(deployments, namespace, ReleaseLayout.deploymentName(ref));
          deleteIfOurs(services, namespace, ReleaseLayout.serviceName(ref));
          deleteIfOurs(configMaps, namespace, ReleaseLayout.configMapName(ref));
          deleteIfOurs(secrets, namespace, ReleaseLayout.secretName(ref));
          // Volumes last: a real cluster keeps a claim until its pod is gone (pvc-protection).
          try {
            KubeKind.send(
                client,
                core.deleteCollectionNamespacedPersistentVolumeClaim(namespace)
                    .labelSelector(ReleaseLayout.releaseSelector(ref))
                    .buildCall(null)
                    .request());
          } catch (ApiException e) {
            if (e.getCode() != 404) {
              throw e;
            }
          }
          return null;
        });
  }

  @Override
  public List<String> logs(ReleaseRef ref, int tail) {
    ReleaseLayout.valid(ref);
    if (tail < 0) {
      throw new IllegalArgumentException("tail is negative: " + tail);
    }
    return call(
        "read logs of release " + ref.release() + " in " + ref.namespace(),
        KubernetesErrors.releaseNotFound(),
        () -> {
          requireRelease(ref);
          List<RolloutWatch.Pod> pods = rollout.activePods(ref);
          if (tail == 0 || pods.isEmpty()) {
            return List.of(); // a stopped gateway has no log to show
          }
          return lastLines(podLog(ref, pods.get(0).name(), tail), tail);
        });
  }

  // Read raw: a log is text, and the client would try to read a JSON-typed answer as JSON.
  private String podLog(ReleaseRef ref, String pod, int tail) throws ApiException {
    try {
      return KubeKind.send(
          client,
          core.readNamespacedPodLog(pod, ref.namespace())
              .container(ReleaseLayout.CONTAINER)
              .tailLines(tail)
              .buildCall(null)
              .request());
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return ""; // the pod went away between listing and reading
      }
      if (e.getCode() != 400) {
        throw e;
      }
    }
    // 400: the container is waiting to start again (e.g. a crash loop); the last run's log tells
    // why it stopped.
    try {
      return KubeKind.send(
          client,
          core.readNamespacedPodLog(pod, ref.namespace())
              .container(ReleaseLayout.CONTAINER)
              .tailLines(tail)
              .previous(true)
              .buildCall(null)
              .request());
    } catch (ApiException e) {
      if (e.getCode() == 400 || e.getCode() == 404) {
        return "";
      }
      throw e;
    }
  }

  static List<String> lastLines(String text, int tail) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return List.copyOf(lines.subList(Math.max(0, lines.size() - tail), lines.size()));
  }

  private void scale(ReleaseRef ref, int replicas, String verb) {
    ReleaseLayout.valid(ref);
    String patch = JSON.serialize(Map.of("spec", Map.of("replicas", replicas)));
    call(
        verb + " release " + ref.release() + " in " + ref.namespace(),
        KubernetesErrors.releaseNotFound(),
        () -> {
          // Not the /scale subresource: a merge patch of the Deployment works everywhere.
          deployments.patch(
              ref.namespace(),
              ReleaseLayout.deploymentName(ref),
              patch,
              V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
              null);
          return null;
        });
  }

  private void requireRelease(ReleaseRef ref) throws ApiException {
    if (deployments.get(ref.namespace(), ReleaseLayout.deploymentName(ref)).isEmpty()) {
      throw new NotFoundException(
          ErrorCode.RELEASE_NOT_FOUND, "no release " + ref.release() + " in " + ref.namespace());
    }
  }

  /**
   * Install must not take over objects of the same names that belong to another tenant's release
   * ({@code tenant_id[:8]} collides) or to nobody we know.
   */
  private void refuseCollision(InstanceSpec spec) throws ApiException {
    ReleaseRef ref = spec.ref();
    checkOwner(spec, secrets, ReleaseLayout.secretName(ref));
    checkOwner(spec, configMaps, ReleaseLayout.configMapName(ref));
    checkOwner(spec, claims, ReleaseLayout.stateClaimName(ref));
    checkOwner(spec, services, ReleaseLayout.serviceName(ref));
    checkOwner(spec, deployments, ReleaseLayout.deploymentName(ref));
  }

  private <T extends KubernetesObject> void checkOwner(
      InstanceSpec spec, KubeKind<T> kind, String name) throws ApiException {
    ReleaseRef ref = spec.ref();
    Optional<Map<String, String>> existing = kind.get(ref.namespace(), name).map(Manifests::labels);
    if (existing.isEmpty()) {
      return;
    }
    Map<String, String> labels = existing.get();
    if (!ReleaseLayout.MANAGED_BY.equals(labels.get(ReleaseLayout.MANAGED_BY_LABEL))) {
      throw new ConflictException(
          ErrorCode.RELEASE_NAME_COLLISION,
          kind.kind()
              + " "
              + name
              + " in "
              + ref.namespace()
              + " exists and is not managed by ServiceTsunami");
    }
    if (!spec.tenantId().toString().equals(labels.get(ReleaseLayout.TENANT_LABEL))) {
      throw new ConflictException(
          ErrorCode.RELEASE_NAME_COLLISION,
          "release " + ref.release() + " in " + ref.namespace() + " belongs to another tenant");
    }
  }

  private <T extends KubernetesObject> void deleteIfOurs(
      KubeKind<T> kind, String namespace, String name) throws ApiException {
    Optional<Map<String, String>> labels = kind.get(namespace, name).map(Manifests::labels);
    if (labels.isPresent()
        && ReleaseLayout.MANAGED_BY.equals(labels.get().get(ReleaseLayout.MANAGED_BY_LABEL))) {
      kind.delete(namespace, name);
    }
  }

  private static <T> T call(
      String action, Function<String, PortException> notFound, ClusterCall<T> body) {
    try {
      return body.call();
    } catch (ApiException e) {
      throw KubernetesErrors.translate(e, action, notFound);
    } catch (PortException e) {
      throw e;
    } catch (RuntimeException e) {
      // e.g. an answer the client's strict models cannot read
      throw new PermanentException(
          ErrorCode.RUNTIME_FAILED,
          action + ": unexpected answer from the cluster: " + e.getMessage(),
          e);
    }
  }
}
