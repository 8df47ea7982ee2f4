package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.TenantRepositoryContract;
import io.servicetsunami.ports.out.TenantRepository;

class InMemoryTenantRepositoryTest implements TenantRepositoryContract {

  private final InMemoryTenantRepository store = new InMemoryTenantRepository();

  @Override
  public TenantRepository tenants() {
    return store;
  }
}
