package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.InstanceRuntime.Progress;
import java.util.Map;

/**
 * The steps of OpenClawProvisionWorkflow, each called by one activity and each idempotent. Steps
 * take ids and the target version only; secrets are read and decrypted inside the steps.
 */
public interface ProvisionInstanceSteps {

  /**
   * Step 1, {@code generate_openclaw_values}: renders the release's values. Returns them (without
   * secrets) for the workflow's record.
   *
   * @throws ConflictException {@code release_name_collision}
   */
  Map<String, Object> generateValues(TenantId tenant, InstanceId instance, String version);

  /**
   * Step 2, {@code helm_install_openclaw}: installs or upgrades the release; converges when run
   * twice.
   */
  void install(TenantId tenant, InstanceId instance, String version);

  /**
   * Step 3, {@code wait_pod_ready}: waits for the gateway, reporting progress.
   *
   * @throws PermanentException {@code pod_failed} at once for a gateway that cannot start
   * @throws TransientException {@code runtime_unavailable} when the wait times out
   */
  void awaitReady(TenantId tenant, InstanceId instance, Progress progress);

  /**
   * Step 4, {@code health_check_openclaw}: the gateway answers HTTP readiness and the WebSocket
   * challenge, and then lets the control plane's device in: a device the gateway asks to pair is
   * approved through the runtime (from inside the gateway's pod), and the device token the gateway
   * issues is stored encrypted with the instance for later connects. Idempotent: a paired device is
   * not approved again.
   *
   * @throws TransientException {@code gateway_unavailable} if it does not (yet), or still asks to
   *     pair the device after the approval; {@code runtime_unavailable} if the device's pairing
   *     request cannot be found yet
   * @throws PermanentException {@code gateway_auth_failed} if the gateway refuses the token or
   *     grants the device no scope
   */
  void healthCheck(TenantId tenant, InstanceId instance);

  /** Step 5, {@code register_instance}: records the version and {@code running}. */
  void register(TenantId tenant, InstanceId instance, String version);

  /**
   * Compensation when a step failed for good: the instance moves to {@code error} with the reason.
   */
  void markFailed(TenantId tenant, InstanceId instance, String reason);
}
