package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "tenants")
class TenantEntity {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "name", nullable = false)
  String name;

  @Column(name = "default_llm_model", nullable = false)
  String defaultLlmModel;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  protected TenantEntity() {}

  static TenantEntity of(Tenant tenant) {
    TenantEntity e = new TenantEntity();
    e.id = tenant.id().value();
    e.name = tenant.name();
    e.defaultLlmModel = tenant.defaultLlmModel();
    e.createdAt = Rows.micros(tenant.createdAt());
    return e;
  }

  Tenant toRecord() {
    return new Tenant(new TenantId(id), name, defaultLlmModel, createdAt);
  }
}
