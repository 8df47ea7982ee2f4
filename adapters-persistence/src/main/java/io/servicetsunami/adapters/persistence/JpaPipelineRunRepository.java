package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.out.PipelineRunRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.StatelessSession;

/**
 * {@link PipelineRunRepository} on the {@code pipeline_runs} table. Creating is {@code INSERT … ON
 * CONFLICT (id) DO NOTHING}, so a retried workflow step opens one run.
 */
public final class JpaPipelineRunRepository implements PipelineRunRepository {

  private static final String CREATE =
      "INSERT INTO pipeline_runs"
          + " (id, pipeline_id, tenant_id, status, trigger_source, workflow_id, output, error,"
          + " started_at, completed_at)"
          + " VALUES (:id, :pipeline, :tenant, :status, :trigger, :workflowId,"
          + " CAST(:output AS jsonb), :error, :startedAt, :completedAt)"
          + " ON CONFLICT (id) DO NOTHING";

  private final Transactions transactions;

  JpaPipelineRunRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public PipelineRun create(PipelineRun run) {
    PipelineRunEntity row = PipelineRunEntity.of(requireNonNull(run, "run is null"));
    String output = JsonColumns.write(row.output);
    return transactions.call(
        "creating a pipeline run",
        s -> {
          int inserted =
              s.createNativeMutationQuery(CREATE)
                  .setParameter("id", row.id)
                  .setParameter("pipeline", row.pipelineId)
                  .setParameter("tenant", row.tenantId)
                  .setParameter("status", row.status)
                  .setParameter("trigger", row.triggerSource)
                  .setParameter("workflowId", row.workflowId)
                  .setParameter("output", output)
                  .setParameter("error", row.error, String.class)
                  .setParameter("startedAt", row.startedAt)
                  .setParameter("completedAt", row.completedAt, Instant.class)
                  .executeUpdate();
          if (inserted == 1) {
            return row.toRecord();
          }
          return byId(s, row.tenantId, row.id)
              .map(PipelineRunEntity::toRecord)
              .orElseThrow(
                  () ->
                      new ConflictException(
                          ErrorCode.ALREADY_EXISTS, "pipeline run " + row.id + " exists"));
        });
  }

  @Override
  public Optional<PipelineRun> find(TenantId tenant, RunId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return transactions.call(
        "reading a pipeline run",
        s -> byId(s, tenant.value(), id.value()).map(PipelineRunEntity::toRecord));
  }

  @Override
  public List<PipelineRun> listByPipeline(TenantId tenant, PipelineId pipeline, Page page) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(pipeline, "pipeline is null");
    requireNonNull(page, "page is null");
    return transactions.call(
        "listing pipeline runs",
        s ->
            s
                .createSelectionQuery(
                    "from PipelineRunEntity r where r.tenantId = :tenant"
                        + " and r.pipelineId = :pipeline order by r.startedAt desc, r.id desc",
                    PipelineRunEntity.class)
                .setParameter("tenant", tenant.value())
                .setParameter("pipeline", pipeline.value())
                .setFirstResult(page.offset())
                .setMaxResults(page.limit())
                .getResultList()
                .stream()
                .map(PipelineRunEntity::toRecord)
                .toList());
  }

  @Override
  public PipelineRun update(PipelineRun run) {
    PipelineRunEntity row = PipelineRunEntity.of(requireNonNull(run, "run is null"));
    return transactions.call(
        "updating a pipeline run",
        s -> {
          if (!ScopedWrites.lock(s, PipelineRunEntity.class, row.tenantId, row.id)) {
            throw new NotFoundException(ErrorCode.PIPELINE_RUN_NOT_FOUND, "pipeline run not found");
          }
          s.update(row);
          return row.toRecord();
        });
  }

  private static Optional<PipelineRunEntity> byId(StatelessSession s, UUID tenant, UUID id) {
    return s.createSelectionQuery(
            "from PipelineRunEntity r where r.id = :id and r.tenantId = :tenant",
            PipelineRunEntity.class)
        .setParameter("id", id)
        .setParameter("tenant", tenant)
        .uniqueResultOptional();
  }
}
