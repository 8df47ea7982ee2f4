package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.KnowledgeGraphRepositoryContract;
import io.servicetsunami.ports.out.KnowledgeGraphRepository;

class InMemoryKnowledgeGraphRepositoryTest implements KnowledgeGraphRepositoryContract {

  private final InMemoryKnowledgeGraphRepository store = new InMemoryKnowledgeGraphRepository();

  @Override
  public KnowledgeGraphRepository knowledge() {
    return store;
  }
}
