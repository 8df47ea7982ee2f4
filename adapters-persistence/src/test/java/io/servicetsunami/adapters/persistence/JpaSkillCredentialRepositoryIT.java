package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.SkillCredentialRepositoryContract;
import io.servicetsunami.ports.out.SkillCredentialRepository;

class JpaSkillCredentialRepositoryIT
    implements SkillCredentialRepositoryContract, PostgresPrerequisites {

  @Override
  public SkillCredentialRepository skillCredentials() {
    return db().skillCredentials();
  }
}
