package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.ChatSessionRepositoryContract;
import io.servicetsunami.ports.out.ChatSessionRepository;

class JpaChatSessionRepositoryIT implements ChatSessionRepositoryContract, PostgresPrerequisites {

  @Override
  public ChatSessionRepository chatSessions() {
    return db().chatSessions();
  }
}
