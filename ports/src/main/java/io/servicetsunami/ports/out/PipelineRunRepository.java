package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;
import java.util.Optional;

/** Stores pipeline runs, scoped by tenant. */
public interface PipelineRunRepository {

  /**
   * Stores the run unless one with its id exists, and returns the stored run. Idempotent, so that a
   * retried workflow step opens one run. If the id is taken by another tenant's row, throws {@link
   * io.servicetsunami.ports.error.ConflictException} ({@code already_exists}) and reveals nothing
   * of that row.
   */
  PipelineRun create(PipelineRun run);

  /** The run, or empty if {@code tenant} has none with this id. */
  Optional<PipelineRun> find(TenantId tenant, RunId id);

  /** The pipeline's runs, newest first. */
  List<PipelineRun> listByPipeline(TenantId tenant, PipelineId pipeline, Page page);

  /**
   * Replaces the stored run (status, output, error, completion).
   *
   * @throws NotFoundException {@code pipeline_run_not_found} if the tenant has no such run
   */
  PipelineRun update(PipelineRun run);
}
