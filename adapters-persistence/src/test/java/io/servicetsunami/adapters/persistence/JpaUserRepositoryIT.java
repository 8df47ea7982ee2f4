package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.UserRepositoryContract;
import io.servicetsunami.ports.out.UserRepository;

class JpaUserRepositoryIT implements UserRepositoryContract, PostgresPrerequisites {

  @Override
  public UserRepository users() {
    return db().users();
  }
}
