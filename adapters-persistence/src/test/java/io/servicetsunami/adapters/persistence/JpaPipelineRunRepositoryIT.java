package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.PipelineRunRepositoryContract;
import io.servicetsunami.ports.out.PipelineRunRepository;

class JpaPipelineRunRepositoryIT implements PipelineRunRepositoryContract, PostgresPrerequisites {

  @Override
  public PipelineRunRepository pipelineRuns() {
    return db().pipelineRuns();
  }
}
