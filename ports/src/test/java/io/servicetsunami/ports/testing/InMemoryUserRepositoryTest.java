package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.UserRepositoryContract;
import io.servicetsunami.ports.out.UserRepository;

class InMemoryUserRepositoryTest implements UserRepositoryContract {

  private final InMemoryUserRepository store = new InMemoryUserRepository();

  @Override
  public UserRepository users() {
    return store;
  }
}
