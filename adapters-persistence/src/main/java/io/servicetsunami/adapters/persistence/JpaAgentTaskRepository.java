package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.Page;
import java.util.List;
import java.util.Optional;

/**
 * {@link AgentTaskRepository} on the {@code agent_tasks} table. Status transitions are guarded by
 * the task's revision (see {@link ScopedWrites}); lists use the {@code (tenant_id[, status],
 * created_at DESC, id DESC)} indexes.
 */
public final class JpaAgentTaskRepository implements AgentTaskRepository {

  private final Transactions transactions;

  JpaAgentTaskRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public AgentTask create(AgentTask task) {
    AgentTaskEntity row = AgentTaskEntity.of(requireNonNull(task, "task is null"), 0);
    return transactions.call(
        "creating a task",
        s -> {
          s.insert(row);
          return row.toRecord();
        });
  }

  @Override
  public Optional<AgentTask> find(TenantId tenant, TaskId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return transactions.call(
        "reading a task",
        s ->
            s.createSelectionQuery(
                    "from AgentTaskEntity t where t.id = :id and t.tenantId = :tenant",
                    AgentTaskEntity.class)
                .setParameter("id", id.value())
                .setParameter("tenant", tenant.value())
                .uniqueResultOptional()
                .map(AgentTaskEntity::toRecord));
  }

  @Override
  public List<AgentTask> list(TenantId tenant, Optional<TaskStatus> status, Page page) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(status, "status is null");
    requireNonNull(page, "page is null");
    String filter = status.isPresent() ? " and t.status = :status" : "";
    return transactions.call(
        "listing tasks",
        s -> {
          var query =
              s.createSelectionQuery(
                      "from AgentTaskEntity t where t.tenantId = :tenant"
                          + filter
                          + " order by t.createdAt desc, t.id desc",
                      AgentTaskEntity.class)
                  .setParameter("tenant", tenant.value())
                  .setFirstResult(page.offset())
                  .setMaxResults(page.limit());
          status.ifPresent(value -> query.setParameter("status", value.wire()));
          return query.getResultList().stream().map(AgentTaskEntity::toRecord).toList();
        });
  }

  @Override
  public AgentTask update(AgentTask task) {
    requireNonNull(task, "task is null");
    AgentTaskEntity row = AgentTaskEntity.of(task, task.revision() + 1);
    return transactions.call(
        "updating a task",
        s -> {
          ScopedWrites.claimRevision(
              s,
              AgentTaskEntity.class,
              row.tenantId,
              row.id,
              task.revision(),
              ErrorCode.TASK_NOT_FOUND,
              "task");
          s.update(row);
          return row.toRecord();
        });
  }
}
