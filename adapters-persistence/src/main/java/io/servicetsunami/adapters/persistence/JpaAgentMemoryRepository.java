package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentMemoryRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@link AgentMemoryRepository} on the {@code agent_memories} table. Saving is {@code INSERT … ON
 * CONFLICT (id) DO NOTHING}, so a retried evaluation stores one memory.
 */
public final class JpaAgentMemoryRepository implements AgentMemoryRepository {

  private static final String SAVE =
      "INSERT INTO agent_memories"
          + " (id, tenant_id, agent_id, memory_type, content, importance, source_task_id,"
          + " access_count, created_at, last_accessed_at)"
          + " VALUES (:id, :tenant, :agent, :type, :content, :importance, :sourceTask,"
          + " :accessCount, :createdAt, :lastAccessedAt)"
          + " ON CONFLICT (id) DO NOTHING";

  private final Transactions transactions;

  JpaAgentMemoryRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public AgentMemory save(AgentMemory memory) {
    requireNonNull(memory, "memory is null");
    AgentMemory row =
        new AgentMemory(
            memory.id(),
            memory.tenantId(),
            memory.agentId(),
            memory.memoryType(),
            memory.content(),
            memory.importance(),
            memory.sourceTaskId(),
            memory.accessCount(),
            Rows.micros(memory.createdAt()),
            memory.lastAccessedAt().map(Rows::micros));
    return transactions.call(
        "storing a memory",
        s -> {
          int inserted =
              s.createNativeMutationQuery(SAVE)
                  .setParameter("id", row.id().value())
                  .setParameter("tenant", row.tenantId().value())
                  .setParameter("agent", row.agentId().value())
                  .setParameter("type", row.memoryType().wire())
                  .setParameter("content", row.content())
                  .setParameter("importance", row.importance())
                  .setParameter(
                      "sourceTask", row.sourceTaskId().map(TaskId::value).orElse(null), UUID.class)
                  .setParameter("accessCount", row.accessCount())
                  .setParameter("createdAt", row.createdAt())
                  .setParameter("lastAccessedAt", row.lastAccessedAt().orElse(null), Instant.class)
                  .executeUpdate();
          if (inserted == 1) {
            return row;
          }
          return s.createSelectionQuery(
                  "from AgentMemoryEntity m where m.id = :id and m.tenantId = :tenant",
                  AgentMemoryEntity.class)
              .setParameter("id", row.id().value())
              .setParameter("tenant", row.tenantId().value())
              .uniqueResultOptional()
              .map(AgentMemoryEntity::toRecord)
              .orElseThrow(
                  () ->
                      new ConflictException(
                          ErrorCode.ALREADY_EXISTS, "memory " + row.id() + " exists"));
        });
  }

  @Override
  public List<AgentMemory> recall(TenantId tenant, AgentId agent, double minImportance, int limit) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(agent, "agent is null");
    if (limit < 0) {
      throw new IllegalArgumentException("limit is negative: " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    return transactions.call(
        "recalling memories",
        s ->
            s
                .createSelectionQuery(
                    "from AgentMemoryEntity m where m.tenantId = :tenant and m.agentId = :agent"
                        + " and m.importance >= :min"
                        + " order by m.importance desc, m.createdAt desc, m.id desc",
                    AgentMemoryEntity.class)
                .setParameter("tenant", tenant.value())
                .setParameter("agent", agent.value())
                .setParameter("min", minImportance)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(AgentMemoryEntity::toRecord)
                .toList());
  }

  @Override
  public List<AgentMemory> list(TenantId tenant, AgentId agent) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(agent, "agent is null");
    return transactions.call(
        "listing memories",
        s ->
            s
                .createSelectionQuery(
                    "from AgentMemoryEntity m where m.tenantId = :tenant and m.agentId = :agent"
                        + " order by m.createdAt desc, m.id desc",
                    AgentMemoryEntity.class)
                .setParameter("tenant", tenant.value())
                .setParameter("agent", agent.value())
                .getResultList()
                .stream()
                .map(AgentMemoryEntity::toRecord)
                .toList());
  }

  @Override
  public void markAccessed(TenantId tenant, Collection<MemoryId> ids, Instant at) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(ids, "ids is null");
    requireNonNull(at, "at is null");
    // Each memory counts once per call, however often the caller lists it.
    Set<UUID> distinct = new LinkedHashSet<>();
    ids.forEach(id -> distinct.add(id.value()));
    if (distinct.isEmpty()) {
      return;
    }
    transactions.call(
        "marking memories accessed",
        s ->
            s.createMutationQuery(
                    "update AgentMemoryEntity m"
                        + " set m.accessCount = m.accessCount + 1, m.lastAccessedAt = :at"
                        + " where m.tenantId = :tenant and m.id in :ids")
                .setParameter("at", Rows.micros(at))
                .setParameter("tenant", tenant.value())
                .setParameterList("ids", distinct)
                .executeUpdate());
  }
}
