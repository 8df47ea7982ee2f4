package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.SkillConfigRepositoryContract;
import io.servicetsunami.ports.out.SkillConfigRepository;

class InMemorySkillConfigRepositoryTest implements SkillConfigRepositoryContract {

  private final InMemorySkillConfigRepository store = new InMemorySkillConfigRepository();

  @Override
  public SkillConfigRepository skillConfigs() {
    return store;
  }
}
