package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.SkillCredentialRepositoryContract;
import io.servicetsunami.ports.out.SkillCredentialRepository;

class InMemorySkillCredentialRepositoryTest implements SkillCredentialRepositoryContract {

  private final InMemorySkillCredentialRepository store = new InMemorySkillCredentialRepository();

  @Override
  public SkillCredentialRepository skillCredentials() {
    return store;
  }
}
