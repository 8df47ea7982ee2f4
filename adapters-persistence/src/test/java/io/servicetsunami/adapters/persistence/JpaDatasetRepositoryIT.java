package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.DatasetRepositoryContract;
import io.servicetsunami.ports.out.DatasetRepository;

class JpaDatasetRepositoryIT implements DatasetRepositoryContract, PostgresPrerequisites {

  @Override
  public DatasetRepository datasets() {
    return db().datasets();
  }
}
