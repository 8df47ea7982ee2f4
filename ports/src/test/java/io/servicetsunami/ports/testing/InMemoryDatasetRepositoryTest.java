package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.DatasetRepositoryContract;
import io.servicetsunami.ports.out.DatasetRepository;

class InMemoryDatasetRepositoryTest implements DatasetRepositoryContract {

  private final InMemoryDatasetRepository store = new InMemoryDatasetRepository();

  @Override
  public DatasetRepository datasets() {
    return store;
  }
}
