package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "skill_configs")
@IdClass(SkillConfigEntity.Key.class)
class SkillConfigEntity {

  record Key(UUID tenantId, String skillName) {}

  @Id
  @Column(name = "tenant_id")
  UUID tenantId;

  @Id
  @Column(name = "skill_name")
  String skillName;

  @Column(name = "enabled", nullable = false)
  boolean enabled;

  @Column(name = "requires_approval", nullable = false)
  boolean requiresApproval;

  @Column(name = "llm_model")
  String llmModel;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "credential_keys", nullable = false)
  List<String> credentialKeys;

  @Column(name = "revision", nullable = false)
  long revision;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  protected SkillConfigEntity() {}

  static SkillConfigEntity of(SkillConfig config, long revision) {
    SkillConfigEntity e = new SkillConfigEntity();
    e.tenantId = config.tenantId().value();
    e.skillName = config.skillName();
    e.enabled = config.enabled();
    e.requiresApproval = config.requiresApproval();
    e.llmModel = config.llmModel().orElse(null);
    e.credentialKeys = List.copyOf(config.credentialKeys());
    e.revision = revision;
    e.updatedAt = Rows.micros(config.updatedAt());
    return e;
  }

  SkillConfig toRecord() {
    return new SkillConfig(
        new TenantId(tenantId),
        skillName,
        enabled,
        requiresApproval,
        Optional.ofNullable(llmModel),
        Set.copyOf(credentialKeys),
        revision,
        updatedAt);
  }
}
