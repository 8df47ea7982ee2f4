package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Page;
import java.util.List;

/** A pipeline's run history. */
public interface ListPipelineRunsUseCase {

  /**
   * Newest first.
   *
   * @throws NotFoundException {@code pipeline_not_found}
   */
  List<PipelineRun> runs(TenantId tenant, PipelineId id, Page page);
}
