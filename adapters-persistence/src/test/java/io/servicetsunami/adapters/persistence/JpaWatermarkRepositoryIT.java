package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.WatermarkRepositoryContract;
import io.servicetsunami.ports.out.WatermarkRepository;

class JpaWatermarkRepositoryIT implements WatermarkRepositoryContract, PostgresPrerequisites {

  @Override
  public WatermarkRepository watermarks() {
    return db().watermarks();
  }
}
