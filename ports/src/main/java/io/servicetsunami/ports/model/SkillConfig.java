package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tenant's settings for one skill.
 *
 * @param llmModel overrides the tenant's default model for this skill
 * @param credentialKeys which credentials are stored for this skill (references into the credential
 *     store; the values are never part of the configuration)
 */
public record SkillConfig(
    TenantId tenantId,
    String skillName,
    boolean enabled,
    boolean requiresApproval,
    Optional<String> llmModel,
    Set<String> credentialKeys,
    long revision,
    Instant updatedAt) {

  public SkillConfig {
    requireNonNull(tenantId, "tenantId is null");
    requireText(skillName, "skillName");
    requireOptional(llmModel, "llmModel");
    credentialKeys =
        java.util.Collections.unmodifiableSet(
            new TreeSet<>(requireNonNull(credentialKeys, "credentialKeys is null")));
    requireNonNull(updatedAt, "updatedAt is null");
  }
}
