package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One stored credential: the cipher's token only, never plaintext. */
@Entity
@Table(name = "skill_credentials")
@IdClass(SkillCredentialEntity.Key.class)
class SkillCredentialEntity {

  record Key(UUID tenantId, String skillName, String credentialKey) {}

  @Id
  @Column(name = "tenant_id")
  UUID tenantId;

  @Id
  @Column(name = "skill_name")
  String skillName;

  @Id
  @Column(name = "credential_key")
  String credentialKey;

  @Column(name = "ciphertext", nullable = false)
  String ciphertext;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  protected SkillCredentialEntity() {}

  static SkillCredentialEntity of(SkillCredential credential) {
    SkillCredentialEntity e = new SkillCredentialEntity();
    e.tenantId = credential.tenantId().value();
    e.skillName = credential.skillName();
    e.credentialKey = credential.key();
    e.ciphertext = credential.value().token();
    e.updatedAt = Rows.micros(credential.updatedAt());
    return e;
  }

  SkillCredential toRecord() {
    return new SkillCredential(
        new TenantId(tenantId),
        skillName,
        credentialKey,
        new EncryptedSecret(ciphertext),
        updatedAt);
  }
}
