package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.AgentRepositoryContract;
import io.servicetsunami.ports.out.AgentRepository;

class JpaAgentRepositoryIT implements AgentRepositoryContract, PostgresPrerequisites {

  @Override
  public AgentRepository agents() {
    return db().agents();
  }
}
