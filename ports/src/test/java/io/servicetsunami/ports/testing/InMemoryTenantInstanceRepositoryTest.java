package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.TenantInstanceRepositoryContract;
import io.servicetsunami.ports.out.TenantInstanceRepository;

class InMemoryTenantInstanceRepositoryTest implements TenantInstanceRepositoryContract {

  private final InMemoryTenantInstanceRepository store = new InMemoryTenantInstanceRepository();

  @Override
  public TenantInstanceRepository instances() {
    return store;
  }
}
