package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;

/** The tenant's datasets. */
public interface GetDatasetUseCase {

  /**
   * @throws NotFoundException {@code dataset_not_found}
   */
  Dataset get(TenantId tenant, DatasetId id);

  /** Newest first. */
  List<Dataset> list(TenantId tenant);
}
