package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One stored credential of a tenant's skill: ciphertext only. */
public record SkillCredential(
    TenantId tenantId, String skillName, String key, EncryptedSecret value, Instant updatedAt) {

  public SkillCredential {
    requireNonNull(tenantId, "tenantId is null");
    requireText(skillName, "skillName");
    requireText(key, "key");
    requireNonNull(value, "value is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }
}
