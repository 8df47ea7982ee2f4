package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;
import java.util.Optional;

/** Stores datasets, scoped by tenant. */
public interface DatasetRepository {

  /**
   * Stores a new dataset.
   *
   * @throws ConflictException {@code already_exists} if the id is taken
   */
  Dataset create(Dataset dataset);

  /** The dataset, or empty if {@code tenant} has none with this id. */
  Optional<Dataset> find(TenantId tenant, DatasetId id);

  /** The tenant's datasets, newest first. */
  List<Dataset> list(TenantId tenant);

  /**
   * Replaces the stored dataset (sync status, tables, counts). Last write wins: only the sync
   * workflow of the dataset writes it.
   *
   * @throws NotFoundException {@code dataset_not_found} if the tenant has no such dataset
   */
  Dataset update(Dataset dataset);

  /** Deletes the dataset; false if the tenant had none with this id. Idempotent. */
  boolean delete(TenantId tenant, DatasetId id);
}
