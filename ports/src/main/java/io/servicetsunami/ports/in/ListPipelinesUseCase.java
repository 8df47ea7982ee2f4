package io.servicetsunami.ports.in;

import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;

/** The tenant's data pipelines. */
public interface ListPipelinesUseCase {

  /** Newest first. */
  List<DataPipeline> list(TenantId tenant);
}
