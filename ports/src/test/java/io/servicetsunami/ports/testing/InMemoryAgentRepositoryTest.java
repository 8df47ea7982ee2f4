package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.AgentRepositoryContract;
import io.servicetsunami.ports.out.AgentRepository;

class InMemoryAgentRepositoryTest implements AgentRepositoryContract {

  private final InMemoryAgentRepository store = new InMemoryAgentRepository();

  @Override
  public AgentRepository agents() {
    return store;
  }
}
