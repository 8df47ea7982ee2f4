package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.TenantId;

/**
 * Runs a pipeline now: DatasetSyncWorkflow, ScheduledSyncWorkflow (one DataSourceSyncWorkflow per
 * table) or AgentKitExecutionWorkflow, by its type.
 */
public interface ExecutePipelineUseCase {

  /**
   * Opens a run and starts its workflow; the run carries the workflow id.
   *
   * @throws NotFoundException {@code pipeline_not_found}
   */
  PipelineRun execute(TenantId tenant, PipelineId id);
}
