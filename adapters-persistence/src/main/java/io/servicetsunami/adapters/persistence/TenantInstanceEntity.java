package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Entity
@Table(name = "tenant_instances")
class TenantInstanceEntity {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "tenant_id", nullable = false)
  UUID tenantId;

  @Column(name = "version", nullable = false)
  String version;

  @Column(name = "status", nullable = false)
  String status;

  @Column(name = "helm_release", nullable = false)
  String helmRelease;

  @Column(name = "k8s_namespace", nullable = false)
  String k8sNamespace;

  @Column(name = "cpu_request", nullable = false)
  String cpuRequest;

  @Column(name = "cpu_limit", nullable = false)
  String cpuLimit;

  @Column(name = "memory_request", nullable = false)
  String memoryRequest;

  @Column(name = "memory_limit", nullable = false)
  String memoryLimit;

  @Column(name = "storage_size", nullable = false)
  String storageSize;

  @Column(name = "internal_url")
  String internalUrl;

  @Column(name = "encrypted_gateway_token")
  String encryptedGatewayToken;

  @Column(name = "encrypted_device_token")
  String encryptedDeviceToken;

  @Column(name = "error_message")
  String errorMessage;

  @Column(name = "revision", nullable = false)
  long revision;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  protected TenantInstanceEntity() {}

  static TenantInstanceEntity of(TenantInstance instance, long revision) {
    TenantInstanceEntity e = new TenantInstanceEntity();
    e.id = instance.id().value();
    e.tenantId = instance.tenantId().value();
    e.version = instance.version();
    e.status = instance.status().wire();
    e.helmRelease = instance.helmRelease();
    e.k8sNamespace = instance.k8sNamespace();
    ResourceSpec resources = instance.resources();
    e.cpuRequest = resources.cpuRequest();
    e.cpuLimit = resources.cpuLimit();
    e.memoryRequest = resources.memoryRequest();
    e.memoryLimit = resources.memoryLimit();
    e.storageSize = resources.storageSize();
    e.internalUrl = instance.internalUrl().orElse(null);
    e.encryptedGatewayToken = instance.gatewayToken().map(EncryptedSecret::token).orElse(null);
    e.encryptedDeviceToken = instance.deviceToken().map(EncryptedSecret::token).orElse(null);
    e.errorMessage = instance.errorMessage().orElse(null);
    e.revision = revision;
    e.createdAt = Rows.micros(instance.createdAt());
    e.updatedAt = Rows.micros(instance.updatedAt());
    return e;
  }

  TenantInstance toRecord() {
    return new TenantInstance(
        new InstanceId(id),
        new TenantId(tenantId),
        version,
        InstanceStatus.fromWire(status),
        helmRelease,
        k8sNamespace,
        new ResourceSpec(cpuRequest, cpuLimit, memoryRequest, memoryLimit, storageSize),
        Optional.ofNullable(internalUrl),
        Optional.ofNullable(encryptedGatewayToken).map(EncryptedSecret::new),
        Optional.ofNullable(encryptedDeviceToken).map(EncryptedSecret::new),
        Optional.ofNullable(errorMessage),
        revision,
        createdAt,
        updatedAt);
  }
}
