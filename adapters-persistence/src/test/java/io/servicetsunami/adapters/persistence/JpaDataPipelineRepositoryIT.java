package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.DataPipelineRepositoryContract;
import io.servicetsunami.ports.out.DataPipelineRepository;
import io.servicetsunami.ports.out.PipelineRunRepository;
import io.servicetsunami.ports.out.WatermarkRepository;

class JpaDataPipelineRepositoryIT implements DataPipelineRepositoryContract, PostgresPrerequisites {

  @Override
  public DataPipelineRepository pipelines() {
    return db().pipelines();
  }

  @Override
  public PipelineRunRepository pipelineRuns() {
    return db().pipelineRuns();
  }

  @Override
  public WatermarkRepository watermarks() {
    return db().watermarks();
  }
}
