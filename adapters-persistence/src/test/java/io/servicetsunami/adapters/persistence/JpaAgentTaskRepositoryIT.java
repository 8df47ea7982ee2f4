package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.AgentTaskRepositoryContract;
import io.servicetsunami.ports.out.AgentTaskRepository;

class JpaAgentTaskRepositoryIT implements AgentTaskRepositoryContract, PostgresPrerequisites {

  @Override
  public AgentTaskRepository tasks() {
    return db().tasks();
  }
}
