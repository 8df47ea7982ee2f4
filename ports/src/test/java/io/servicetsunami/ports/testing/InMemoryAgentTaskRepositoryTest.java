package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.AgentTaskRepositoryContract;
import io.servicetsunami.ports.out.AgentTaskRepository;

class InMemoryAgentTaskRepositoryTest implements AgentTaskRepositoryContract {

  private final InMemoryAgentTaskRepository store = new InMemoryAgentTaskRepository();

  @Override
  public AgentTaskRepository tasks() {
    return store;
  }
}
