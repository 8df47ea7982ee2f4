package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.SkillConfigRepositoryContract;
import io.servicetsunami.ports.out.SkillConfigRepository;

class JpaSkillConfigRepositoryIT implements SkillConfigRepositoryContract, PostgresPrerequisites {

  @Override
  public SkillConfigRepository skillConfigs() {
    return db().skillConfigs();
  }
}
