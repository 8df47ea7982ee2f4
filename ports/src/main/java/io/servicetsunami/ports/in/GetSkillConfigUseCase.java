package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.TenantId;

/** A tenant's settings of one skill; credential values are never returned, only which are set. */
public interface GetSkillConfigUseCase {

  /**
   * The stored configuration, or the defaults (disabled, no approval, no override) for a skill the
   * tenant never configured.
   *
   * @throws NotFoundException {@code skill_not_found} if the registry has no such skill
   */
  SkillConfig get(TenantId tenant, String skillName);
}
