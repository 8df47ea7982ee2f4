package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;
import java.util.Optional;

/** Stores data pipelines with their connector and schedule settings, scoped by tenant. */
public interface DataPipelineRepository {

  /**
   * Stores a new pipeline.
   *
   * @throws ConflictException {@code already_exists} if the id is taken
   */
  DataPipeline create(DataPipeline pipeline);

  /** The pipeline, or empty if {@code tenant} has none with this id. */
  Optional<DataPipeline> find(TenantId tenant, PipelineId id);

  /** The tenant's pipelines, newest first. */
  List<DataPipeline> list(TenantId tenant);

  /** Every pipeline of every tenant that has a schedule: start-up re-ensures their schedules. */
  List<DataPipeline> listScheduled();

  /**
   * Replaces the stored pipeline.
   *
   * @throws NotFoundException {@code pipeline_not_found} if the tenant has no such pipeline
   */
  DataPipeline update(DataPipeline pipeline);

  /** Deletes the pipeline with its runs and watermarks; false if it did not exist. Idempotent. */
  boolean delete(TenantId tenant, PipelineId id);
}
