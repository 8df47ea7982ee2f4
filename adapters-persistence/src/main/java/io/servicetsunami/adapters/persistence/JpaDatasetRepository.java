package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.DatasetRepository;
import java.util.List;
import java.util.Optional;

/**
 * {@link DatasetRepository} on the {@code datasets} table. Updates are last-write-wins, as the port
 * says. Deleting a dataset deletes the {@code dataset_sync} pipelines that land it.
 */
public final class JpaDatasetRepository implements DatasetRepository {

  private final Transactions transactions;

  JpaDatasetRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public Dataset create(Dataset dataset) {
    DatasetEntity row = DatasetEntity.of(requireNonNull(dataset, "dataset is null"));
    return transactions.call(
        "creating a dataset",
        s -> {
          s.insert(row);
          return row.toRecord();
        });
  }

  @Override
  public Optional<Dataset> find(TenantId tenant, DatasetId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return transactions.call(
        "reading a dataset",
        s ->
            s.createSelectionQuery(
                    "from DatasetEntity d where d.id = :id and d.tenantId = :tenant",
                    DatasetEntity.class)
                .setParameter("id", id.value())
                .setParameter("tenant", tenant.value())
                .uniqueResultOptional()
                .map(DatasetEntity::toRecord));
  }

  @Override
  public List<Dataset> list(TenantId tenant) {
    requireNonNull(tenant, "tenant is null");
    return transactions.call(
        "listing datasets",
        s ->
            s
                .createSelectionQuery(
                    "from DatasetEntity d where d.tenantId = :tenant"
                        + " order by d.createdAt desc, d.id desc",
                    DatasetEntity.class)
                .setParameter("tenant", tenant.value())
                .getResultList()
                .stream()
                .map(DatasetEntity::toRecord)
                .toList());
  }

  @Override
  public Dataset update(Dataset dataset) {
    DatasetEntity row = DatasetEntity.of(requireNonNull(dataset, "dataset is null"));
    return transactions.call(
        "updating a dataset",
        s -> {
          if (!ScopedWrites.lock(s, DatasetEntity.class, row.tenantId, row.id)) {
            throw new NotFoundException(ErrorCode.DATASET_NOT_FOUND, "dataset not found");
          }
          s.update(row);
          return row.toRecord();
        });
  }

  @Override
  public boolean delete(TenantId tenant, DatasetId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return transactions.call(
        "deleting a dataset",
        s ->
            s.createMutationQuery(
                        "delete DatasetEntity d where d.id = :id and d.tenantId = :tenant")
                    .setParameter("id", id.value())
                    .setParameter("tenant", tenant.value())
                    .executeUpdate()
                > 0);
  }
}
