package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TenantId;

/**
 * Pauses or resumes a pipeline's schedule. A paused schedule starts nothing by itself (the pipeline
 * can still be run by hand); resumed, it fires again at its next regular time, without catching up
 * on the fires it missed. Both are idempotent and leave a running sync alone.
 */
public interface PausePipelineScheduleUseCase {

  /**
   * @return the pipeline with its schedule paused
   * @throws NotFoundException {@code pipeline_not_found}
   * @throws InvalidInputException {@code invalid_input} if the pipeline has no schedule
   */
  DataPipeline pause(TenantId tenant, PipelineId id);

  /**
   * @return the pipeline with its schedule running
   * @throws NotFoundException {@code pipeline_not_found}
   * @throws InvalidInputException {@code invalid_input} if the pipeline has no schedule
   */
  DataPipeline resume(TenantId tenant, PipelineId id);
}
