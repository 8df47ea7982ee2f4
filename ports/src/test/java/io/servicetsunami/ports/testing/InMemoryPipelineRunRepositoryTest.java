package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.PipelineRunRepositoryContract;
import io.servicetsunami.ports.out.PipelineRunRepository;

class InMemoryPipelineRunRepositoryTest implements PipelineRunRepositoryContract {

  private final InMemoryPipelineRunRepository store = new InMemoryPipelineRunRepository();

  @Override
  public PipelineRunRepository pipelineRuns() {
    return store;
  }
}
