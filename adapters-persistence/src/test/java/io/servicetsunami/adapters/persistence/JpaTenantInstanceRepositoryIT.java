package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.TenantInstanceRepositoryContract;
import io.servicetsunami.ports.out.TenantInstanceRepository;

class JpaTenantInstanceRepositoryIT
    implements TenantInstanceRepositoryContract, PostgresPrerequisites {

  @Override
  public TenantInstanceRepository instances() {
    return db().instances();
  }
}
