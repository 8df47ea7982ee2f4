package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A tenant's isolated OpenClaw gateway.
 *
 * @param version the OpenClaw version (image tag) the instance runs or is being moved to
 * @param helmRelease the release name, {@code openclaw-{tenant_id[:8]}}
 * @param k8sNamespace where the release lives
 * @param internalUrl how the control plane reaches the gateway, once known
 * @param gatewayToken the instance's own gateway token, encrypted for its tenant
 * @param deviceToken the device token the gateway issued to the control plane's paired device,
 *     encrypted
 * @param errorMessage why the instance is in {@code error}
 * @param revision optimistic-concurrency revision, incremented by every stored change
 */
public record TenantInstance(
    InstanceId id,
    TenantId tenantId,
    String version,
    InstanceStatus status,
    String helmRelease,
    String k8sNamespace,
    ResourceSpec resources,
    Optional<String> internalUrl,
    Optional<EncryptedSecret> gatewayToken,
    Optional<EncryptedSecret> deviceToken,
    Optional<String> errorMessage,
    long revision,
    Instant createdAt,
    Instant updatedAt) {

  public TenantInstance {
    requireNonNull(id, "id is null");
    requireNonNull(tenantId, "tenantId is null");
    requireText(version, "version");
    requireNonNull(status, "status is null");
    requireText(helmRelease, "helmRelease");
    requireText(k8sNamespace, "k8sNamespace");
    requireNonNull(resources, "resources is null");
    requireOptional(internalUrl, "internalUrl");
    requireOptional(gatewayToken, "gatewayToken");
    requireOptional(deviceToken, "deviceToken");
    requireOptional(errorMessage, "errorMessage");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }

  public TenantInstance withStatus(InstanceStatus next, Optional<String> error, Instant now) {
    return new TenantInstance(
        id,
        tenantId,
        version,
        next,
        helmRelease,
        k8sNamespace,
        resources,
        internalUrl,
        gatewayToken,
        deviceToken,
        error,
        revision,
        createdAt,
        now);
  }

  public TenantInstance withVersion(String nextVersion, Instant now) {
    return new TenantInstance(
        id,
        tenantId,
        nextVersion,
        status,
        helmRelease,
        k8sNamespace,
        resources,
        internalUrl,
        gatewayToken,
        deviceToken,
        errorMessage,
        revision,
        createdAt,
        now);
  }

  public TenantInstance withEndpoint(String url, Optional<EncryptedSecret> device, Instant now) {
    return new TenantInstance(
        id,
        tenantId,
        version,
        status,
        helmRelease,
        k8sNamespace,
        resources,
        Optional.of(url),
        gatewayToken,
        device,
        errorMessage,
        revision,
        createdAt,
        now);
  }
}
