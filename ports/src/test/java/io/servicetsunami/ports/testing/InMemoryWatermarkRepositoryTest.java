package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.WatermarkRepositoryContract;
import io.servicetsunami.ports.out.WatermarkRepository;

class InMemoryWatermarkRepositoryTest implements WatermarkRepositoryContract {

  private final InMemoryWatermarkRepository store = new InMemoryWatermarkRepository();

  @Override
  public WatermarkRepository watermarks() {
    return store;
  }
}
