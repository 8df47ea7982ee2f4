package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.DataPipelineRepository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link DataPipelineRepository} in memory. Deleting a pipeline deletes its runs and watermarks in
 * the run and watermark repositories it was built with, as a database's cascade would.
 */
public final class InMemoryDataPipelineRepository implements DataPipelineRepository {

  private final Map<PipelineId, DataPipeline> pipelines = new LinkedHashMap<>();
  private final InMemoryPipelineRunRepository runs;
  private final InMemoryWatermarkRepository watermarks;

  /** A repository with runs and watermarks of its own, for tests that look at pipelines only. */
  public InMemoryDataPipelineRepository() {
    this(new InMemoryPipelineRunRepository(), new InMemoryWatermarkRepository());
  }

  public InMemoryDataPipelineRepository(
      InMemoryPipelineRunRepository runs, InMemoryWatermarkRepository watermarks) {
    this.runs = requireNonNull(runs, "runs is null");
    this.watermarks = requireNonNull(watermarks, "watermarks is null");
  }

  @Override
  public synchronized DataPipeline create(DataPipeline pipeline) {
    requireNonNull(pipeline, "pipeline is null");
    if (pipelines.containsKey(pipeline.id())) {
      throw new ConflictException(
          ErrorCode.ALREADY_EXISTS, "pipeline " + pipeline.id() + " exists");
    }
    pipelines.put(pipeline.id(), pipeline);
    return pipeline;
  }

  @Override
  public synchronized Optional<DataPipeline> find(TenantId tenant, PipelineId id) {
    return Optional.ofNullable(pipelines.get(id)).filter(p -> p.tenantId().equals(tenant));
  }

  @Override
  public synchronized List<DataPipeline> list(TenantId tenant) {
    List<DataPipeline> newestFirst = new ArrayList<>(pipelines.values());
    Collections.reverse(newestFirst);
    newestFirst.sort(Comparator.comparing(DataPipeline::createdAt).reversed());
    return newestFirst.stream().filter(p -> p.tenantId().equals(tenant)).toList();
  }

  @Override
  public synchronized List<DataPipeline> listScheduled() {
    return pipelines.values().stream().filter(p -> p.schedule().isPresent()).toList();
  }

  @Override
  public synchronized DataPipeline update(DataPipeline pipeline) {
    requireNonNull(pipeline, "pipeline is null");
    if (find(pipeline.tenantId(), pipeline.id()).isEmpty()) {
      throw new NotFoundException(ErrorCode.PIPELINE_NOT_FOUND, "pipeline " + pipeline.id());
    }
    pipelines.put(pipeline.id(), pipeline);
    return pipeline;
  }

  @Override
  public boolean delete(TenantId tenant, PipelineId id) {
    synchronized (this) {
      if (find(tenant, id).isEmpty()) {
        return false;
      }
      pipelines.remove(id);
    }
    runs.deleteByPipeline(tenant, id);
    watermarks.deleteByPipeline(tenant, id);
    return true;
  }

  /** The run repository this one cascades deletes to. */
  public InMemoryPipelineRunRepository runs() {
    return runs;
  }

  /** The watermark repository this one cascades deletes to. */
  public InMemoryWatermarkRepository watermarks() {
    return watermarks;
  }
}
