package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.ExecutionTraceRepository;
import io.servicetsunami.ports.out.Page;
import java.util.List;
import java.util.UUID;

/**
 * {@link ExecutionTraceRepository} on the {@code execution_traces} table. Appending is {@code
 * INSERT … ON CONFLICT (id) DO NOTHING}: the core derives a trace's id from its task, step and
 * call, so a retried step writes the same id and the first row stays.
 */
public final class JpaExecutionTraceRepository implements ExecutionTraceRepository {

  private static final String APPEND =
      "INSERT INTO execution_traces"
          + " (id, task_id, tenant_id, step_type, step_order, agent_id, details, duration_ms,"
          + " created_at)"
          + " VALUES (:id, :task, :tenant, :stepType, :stepOrder, :agent, CAST(:details AS jsonb),"
          + " :durationMs, :createdAt)"
          + " ON CONFLICT (id) DO NOTHING";

  private final Transactions transactions;

  JpaExecutionTraceRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public ExecutionTrace append(ExecutionTrace trace) {
    requireNonNull(trace, "trace is null");
    ExecutionTrace row =
        new ExecutionTrace(
            trace.id(),
            trace.taskId(),
            trace.tenantId(),
            trace.stepType(),
            trace.stepOrder(),
            trace.agentId(),
            trace.details(),
            trace.durationMs(),
            Rows.micros(trace.createdAt()));
    String details = JsonColumns.write(row.details());
    return transactions.call(
        "appending a trace",
        s -> {
          int inserted =
              s.createNativeMutationQuery(APPEND)
                  .setParameter("id", row.id().value())
                  .setParameter("task", row.taskId().value())
                  .setParameter("tenant", row.tenantId().value())
                  .setParameter("stepType", row.stepType().wire())
                  .setParameter("stepOrder", row.stepOrder())
                  .setParameter("agent", row.agentId().map(AgentId::value).orElse(null), UUID.class)
                  .setParameter("details", details)
                  .setParameter("durationMs", row.durationMs())
                  .setParameter("createdAt", row.createdAt())
                  .executeUpdate();
          if (inserted == 1) {
            return row;
          }
          return s.createSelectionQuery(
                  "from ExecutionTraceEntity t where t.id = :id and t.tenantId = :tenant",
                  ExecutionTraceEntity.class)
              .setParameter("id", row.id().value())
              .setParameter("tenant", row.tenantId().value())
              .uniqueResultOptional()
              .map(ExecutionTraceEntity::toRecord)
              // Trace ids are derived from task ids: another tenant's id is a caller's bug.
              .orElseThrow(
                  () ->
                      new ConflictException(
                          ErrorCode.ALREADY_EXISTS, "trace " + row.id() + " exists"));
        });
  }

  @Override
  public List<ExecutionTrace> listByTask(TenantId tenant, TaskId task) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(task, "task is null");
    return transactions.call(
        "listing a task's traces",
        s ->
            s
                .createSelectionQuery(
                    "from ExecutionTraceEntity t where t.tenantId = :tenant and t.taskId = :task"
                        + " order by t.stepOrder, t.createdAt, t.id",
                    ExecutionTraceEntity.class)
                .setParameter("tenant", tenant.value())
                .setParameter("task", task.value())
                .getResultList()
                .stream()
                .map(ExecutionTraceEntity::toRecord)
                .toList());
  }

  @Override
  public List<ExecutionTrace> listByTenant(TenantId tenant, Page page) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(page, "page is null");
    return transactions.call(
        "listing traces",
        s ->
            s
                .createSelectionQuery(
                    "from ExecutionTraceEntity t where t.tenantId = :tenant"
                        + " order by t.createdAt desc, t.id desc",
                    ExecutionTraceEntity.class)
                .setParameter("tenant", tenant.value())
                .setFirstResult(page.offset())
                .setMaxResults(page.limit())
                .getResultList()
                .stream()
                .map(ExecutionTraceEntity::toRecord)
                .toList());
  }
}
