package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.KnowledgeGraphRepositoryContract;
import io.servicetsunami.ports.out.KnowledgeGraphRepository;

class JpaKnowledgeGraphRepositoryIT
    implements KnowledgeGraphRepositoryContract, PostgresPrerequisites {

  @Override
  public KnowledgeGraphRepository knowledge() {
    return db().knowledge();
  }
}
