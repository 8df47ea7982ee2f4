package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TenantId;

/** One pipeline of the tenant. */
public interface GetPipelineUseCase {

  /**
   * @throws NotFoundException {@code pipeline_not_found}
   */
  DataPipeline get(TenantId tenant, PipelineId id);
}
