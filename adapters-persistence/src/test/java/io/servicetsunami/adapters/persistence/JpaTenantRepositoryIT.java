package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.TenantRepositoryContract;
import io.servicetsunami.ports.out.TenantRepository;

class JpaTenantRepositoryIT implements TenantRepositoryContract {

  @Override
  public TenantRepository tenants() {
    return TestDatabase.shared().tenants();
  }
}
