package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TenantId;

/** Deletes a pipeline, its schedule, runs and watermarks. Running workflows finish on their own. */
public interface DeletePipelineUseCase {

  /**
   * @throws NotFoundException {@code pipeline_not_found}
   */
  void delete(TenantId tenant, PipelineId id);
}
