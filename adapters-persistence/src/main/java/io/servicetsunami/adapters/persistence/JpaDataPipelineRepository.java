package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.DataPipelineRepository;
import java.util.List;
import java.util.Optional;

/**
 * {@link DataPipelineRepository} on the {@code data_pipelines} table, schedules included. Deleting
 * a pipeline deletes its runs and watermarks through {@code ON DELETE CASCADE}.
 */
public final class JpaDataPipelineRepository implements DataPipelineRepository {

  private final Transactions transactions;

  JpaDataPipelineRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public DataPipeline create(DataPipeline pipeline) {
    DataPipelineEntity row = DataPipelineEntity.of(requireNonNull(pipeline, "pipeline is null"));
    return transactions.call(
        "creating a pipeline",
        s -> {
          s.insert(row);
          return row.toRecord();
        });
  }

  @Override
  public Optional<DataPipeline> find(TenantId tenant, PipelineId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return transactions.call(
        "reading a pipeline",
        s ->
            s.createSelectionQuery(
                    "from DataPipelineEntity p where p.id = :id and p.tenantId = :tenant",
                    DataPipelineEntity.class)
                .setParameter("id", id.value())
                .setParameter("tenant", tenant.value())
                .uniqueResultOptional()
                .map(DataPipelineEntity::toRecord));
  }

  @Override
  public List<DataPipeline> list(TenantId tenant) {
    requireNonNull(tenant, "tenant is null");
    return transactions.call(
        "listing pipelines",
        s ->
            s
                .createSelectionQuery(
                    "from DataPipelineEntity p where p.tenantId = :tenant"
                        + " order by p.createdAt desc, p.id desc",
                    DataPipelineEntity.class)
                .setParameter("tenant", tenant.value())
                .getResultList()
                .stream()
                .map(DataPipelineEntity::toRecord)
                .toList());
  }

  @Override
  public List<DataPipeline> listScheduled() {
    return transactions.call(
        "listing scheduled pipelines",
        s ->
            s
                .createSelectionQuery(
                    "from DataPipelineEntity p where p.scheduleKind is not null"
                        + " order by p.createdAt, p.id",
                    DataPipelineEntity.class)
                .getResultList()
                .stream()
                .map(DataPipelineEntity::toRecord)
                .toList());
  }

  @Override
  public DataPipeline update(DataPipeline pipeline) {
    DataPipelineEntity row = DataPipelineEntity.of(requireNonNull(pipeline, "pipeline is null"));
    return transactions.call(
        "updating a pipeline",
        s -> {
          if (!ScopedWrites.lock(s, DataPipelineEntity.class, row.tenantId, row.id)) {
            throw new NotFoundException(ErrorCode.PIPELINE_NOT_FOUND, "pipeline not found");
          }
          s.update(row);
          return row.toRecord();
        });
  }

  @Override
  public boolean delete(TenantId tenant, PipelineId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return transactions.call(
        "deleting a pipeline",
        s ->
            s.createMutationQuery(
                        "delete DataPipelineEntity p where p.id = :id and p.tenantId = :tenant")
                    .setParameter("id", id.value())
                    .setParameter("tenant", tenant.value())
                    .executeUpdate()
                > 0);
  }
}
