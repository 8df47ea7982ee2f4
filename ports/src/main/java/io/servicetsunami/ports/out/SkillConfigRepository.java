package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;
import java.util.Optional;

/** Stores tenants' skill configurations, one per tenant and skill. */
public interface SkillConfigRepository {

  /** The tenant's configuration of the skill, or empty if it never configured it. */
  Optional<SkillConfig> find(TenantId tenant, String skillName);

  /** All the tenant's configurations, by skill name. */
  List<SkillConfig> list(TenantId tenant);

  /**
   * Creates the configuration when {@code config.revision()} is 0 and none exists, or replaces the
   * stored one when its revision equals {@code config.revision()}; returns the stored value with
   * the revision incremented.
   *
   * @throws ConflictException {@code concurrent_modification} if the revision is stale (including a
   *     create that lost a race)
   */
  SkillConfig save(SkillConfig config);
}
