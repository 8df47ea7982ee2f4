package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.AgentMemoryRepositoryContract;
import io.servicetsunami.ports.out.AgentMemoryRepository;

class JpaAgentMemoryRepositoryIT implements AgentMemoryRepositoryContract, PostgresPrerequisites {

  @Override
  public AgentMemoryRepository memories() {
    return db().memories();
  }
}
