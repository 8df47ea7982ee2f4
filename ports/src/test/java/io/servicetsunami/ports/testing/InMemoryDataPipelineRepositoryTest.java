package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.contract.DataPipelineRepositoryContract;
import io.servicetsunami.ports.out.DataPipelineRepository;
import io.servicetsunami.ports.out.PipelineRunRepository;
import io.servicetsunami.ports.out.WatermarkRepository;

class InMemoryDataPipelineRepositoryTest implements DataPipelineRepositoryContract {

  private final InMemoryPipelineRunRepository runs = new InMemoryPipelineRunRepository();
  private final InMemoryWatermarkRepository watermarks = new InMemoryWatermarkRepository();
  private final InMemoryDataPipelineRepository pipelines =
      new InMemoryDataPipelineRepository(runs, watermarks);

  @Override
  public DataPipelineRepository pipelines() {
    return pipelines;
  }

  @Override
  public PipelineRunRepository pipelineRuns() {
    return runs;
  }

  @Override
  public WatermarkRepository watermarks() {
    return watermarks;
  }
}
