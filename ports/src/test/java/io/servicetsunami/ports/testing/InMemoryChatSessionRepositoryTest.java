package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.ChatSessionRepositoryContract;
import io.servicetsunami.ports.out.ChatSessionRepository;

class InMemoryChatSessionRepositoryTest implements ChatSessionRepositoryContract {

  private final InMemoryChatSessionRepository store = new InMemoryChatSessionRepository();

  @Override
  public ChatSessionRepository chatSessions() {
    return store;
  }
}
