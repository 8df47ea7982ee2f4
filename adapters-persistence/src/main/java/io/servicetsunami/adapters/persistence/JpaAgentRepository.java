package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentRepository;
import java.util.List;
import java.util.Optional;

/** {@link AgentRepository} on the {@code agents} table, with optimistic revisions. */
public final class JpaAgentRepository implements AgentRepository {

  private final Transactions transactions;

  JpaAgentRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public Agent create(Agent agent) {
    AgentEntity row = AgentEntity.of(requireNonNull(agent, "agent is null"), 0);
    return transactions.call(
        "creating an agent",
        s -> {
          s.insert(row);
          return row.toRecord();
        });
  }

  @Override
  public Optional<Agent> find(TenantId tenant, AgentId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return transactions.call(
        "reading an agent",
        s ->
            s.createSelectionQuery(
                    "from AgentEntity a where a.id = :id and a.tenantId = :tenant",
                    AgentEntity.class)
                .setParameter("id", id.value())
                .setParameter("tenant", tenant.value())
                .uniqueResultOptional()
                .map(AgentEntity::toRecord));
  }

  @Override
  public List<Agent> list(TenantId tenant) {
    requireNonNull(tenant, "tenant is null");
    return transactions.call(
        "listing agents",
        s ->
            s
                .createSelectionQuery(
                    "from AgentEntity a where a.tenantId = :tenant order by a.createdAt, a.id",
                    AgentEntity.class)
                .setParameter("tenant", tenant.value())
                .getResultList()
                .stream()
                .map(AgentEntity::toRecord)
                .toList());
  }

  @Override
  public Agent update(Agent agent) {
    requireNonNull(agent, "agent is null");
    AgentEntity row = AgentEntity.of(agent, agent.revision() + 1);
    return transactions.call(
        "updating an agent",
        s -> {
          ScopedWrites.claimRevision(
              s,
              AgentEntity.class,
              row.tenantId,
              row.id,
              agent.revision(),
              ErrorCode.AGENT_NOT_FOUND,
              "agent");
          s.update(row);
          return row.toRecord();
        });
  }

  @Override
  public boolean delete(TenantId tenant, AgentId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return transactions.call(
        "deleting an agent",
        s ->
            s.createMutationQuery("delete AgentEntity a where a.id = :id and a.tenantId = :tenant")
                    .setParameter("id", id.value())
                    .setParameter("tenant", tenant.value())
                    .executeUpdate()
                > 0);
  }
}
