package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.AgentMemoryRepositoryContract;
import io.servicetsunami.ports.out.AgentMemoryRepository;

class InMemoryAgentMemoryRepositoryTest implements AgentMemoryRepositoryContract {

  private final InMemoryAgentMemoryRepository store = new InMemoryAgentMemoryRepository();

  @Override
  public AgentMemoryRepository memories() {
    return store;
  }
}
