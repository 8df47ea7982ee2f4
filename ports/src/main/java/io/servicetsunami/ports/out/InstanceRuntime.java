package io.servicetsunami.ports.out;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.Json;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where tenants' OpenClaw gateways run: Kubernetes in production, local processes in the embedded
 * mode. Every operation is idempotent, because workflow steps run at least once.
 */
public interface InstanceRuntime {

  /** Names one release: the gateway's objects in a namespace. */
  record ReleaseRef(String namespace, String release) {
    public ReleaseRef {
      requireNonNull(namespace, "namespace is null");
      requireNonNull(release, "release is null");
    }
  }

  /** What to run for one instance. Carries no secrets, so it may be recorded anywhere. */
  record InstanceSpec(
      TenantId tenantId,
      InstanceId instanceId,
      ReleaseRef ref,
      String version,
      ResourceSpec resources) {
    public InstanceSpec {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(instanceId, "instanceId is null");
      requireNonNull(ref, "ref is null");
      requireNonNull(version, "version is null");
      requireNonNull(resources, "resources is null");
    }
  }

  /**
   * The rendered release: the values the release is installed with and where it will be reached.
   *
   * @param values Helm-compatible values, without secrets
   */
  record ReleasePlan(ReleaseRef ref, Map<String, Object> values, String internalUrl) {
    public ReleasePlan {
      requireNonNull(ref, "ref is null");
      values = Json.copyOf(values);
      requireNonNull(internalUrl, "internalUrl is null");
    }
  }

  /** A gateway that is up: where to reach it. */
  record ReadyRelease(ReleaseRef ref, String internalUrl, String podName) {
    public ReadyRelease {
      requireNonNull(ref, "ref is null");
      requireNonNull(internalUrl, "internalUrl is null");
      requireNonNull(podName, "podName is null");
    }
  }

  /** Receives progress while a step waits, so the workflow engine knows the step is alive. */
  @FunctionalInterface
  interface Progress {
    void report(String detail);
  }

  /**
   * Renders the release for {@code spec}. Pure: the same spec gives the same plan. Never touches
   * the runtime.
   */
  ReleasePlan render(InstanceSpec spec);

  /**
   * Installs or upgrades the release so that it matches {@code spec}; running it twice converges to
   * the same objects.
   *
   * @param gatewayToken the instance's gateway token, stored in the runtime's own secret store
   * @throws ConflictException {@code release_name_collision} if the release exists and belongs to
   *     another tenant
   * @throws TransientException {@code runtime_unavailable} if the runtime cannot be reached
   * @throws PermanentException {@code runtime_failed} if the runtime refuses the objects
   */
  void install(InstanceSpec spec, Secret gatewayToken);

  /**
   * Waits until the release's gateway is running and ready, reporting progress while it waits.
   *
   * @throws PermanentException {@code pod_failed} at once when the gateway cannot start (image pull
   *     failure, crash loop, unschedulable), with the reason
   * @throws TransientException {@code runtime_unavailable} when {@code timeout} passes first
   */
  ReadyRelease awaitReady(ReleaseRef ref, Duration timeout, Progress progress);

  /** How a device approval went. */
  enum DeviceApproval {
    /** The device's pending pairing request was approved now. */
    APPROVED,
    /** The device was paired already; nothing changed. */
    ALREADY_PAIRED
  }

  /**
   * Approves the control plane's device on the gateway, so that the device is granted its scopes
   * when it connects from outside the gateway's host. The device must have asked to be paired
   * shortly before (connected and signed the gateway's challenge); the gateway then hands the
   * device its token itself, in {@code hello-ok} on its next connect — no other client can obtain
   * it. Idempotent.
   *
   * @param devicePublicKey the control plane's Ed25519 public key for this instance, raw base64url
   * @throws io.servicetsunami.ports.error.NotFoundException {@code release_not_found}
   * @throws TransientException {@code runtime_unavailable} if no request of the device is pending
   *     yet (retry once the device has connected)
   * @throws PermanentException {@code gateway_rejected} if the pending request with this device id
   *     carries another public key
   */
  DeviceApproval approveDevice(ReleaseRef ref, String deviceId, String devicePublicKey);

  /** Stops the gateway, keeping its state (scale to zero). Idempotent. */
  void stop(ReleaseRef ref);

  /** Starts a stopped gateway (scale to one). Idempotent. */
  void start(ReleaseRef ref);

  /** Restarts the gateway with a fresh process, keeping its state. */
  void restart(ReleaseRef ref);

  /** Deletes the release's objects and then its volumes. Deleting what is gone counts as done. */
  void destroy(ReleaseRef ref);

  /**
   * The last {@code tail} lines of the gateway's log, oldest first.
   *
   * @throws io.servicetsunami.ports.error.NotFoundException {@code release_not_found} if the
   *     release has no running or stopped gateway
   */
  List<String> logs(ReleaseRef ref, int tail);
}
