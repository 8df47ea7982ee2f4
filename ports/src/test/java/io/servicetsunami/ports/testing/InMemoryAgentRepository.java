package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentRepository;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link AgentRepository} in memory, with optimistic revisions. */
public final class InMemoryAgentRepository implements AgentRepository {

  private final Map<AgentId, Agent> agents = new LinkedHashMap<>();

  @Override
  public synchronized Agent create(Agent agent) {
    requireNonNull(agent, "agent is null");
    if (agents.containsKey(agent.id())) {
      throw new ConflictException(ErrorCode.ALREADY_EXISTS, "agent " + agent.id() + " exists");
    }
    Agent stored = atRevision(agent, 0);
    agents.put(agent.id(), stored);
    return stored;
  }

  @Override
  public synchronized Optional<Agent> find(TenantId tenant, AgentId id) {
    return Optional.ofNullable(agents.get(id)).filter(a -> a.tenantId().equals(tenant));
  }

  @Override
  public synchronized List<Agent> list(TenantId tenant) {
    return agents.values().stream()
        .filter(a -> a.tenantId().equals(tenant))
        .sorted(Comparator.comparing(Agent::createdAt))
        .toList();
  }

  @Override
  public synchronized Agent update(Agent agent) {
    requireNonNull(agent, "agent is null");
    Agent current =
        find(agent.tenantId(), agent.id())
            .orElseThrow(
                () -> new NotFoundException(ErrorCode.AGENT_NOT_FOUND, "agent " + agent.id()));
    if (current.revision() != agent.revision()) {
      throw new ConflictException(
          ErrorCode.CONCURRENT_MODIFICATION,
          "agent " + agent.id() + " is at revision " + current.revision());
    }
    Agent stored = atRevision(agent, current.revision() + 1);
    agents.put(agent.id(), stored);
    return stored;
  }

  @Override
  public synchronized boolean delete(TenantId tenant, AgentId id) {
    if (find(tenant, id).isEmpty()) {
      return false;
    }
    agents.remove(id);
    return true;
  }

  /** Every stored agent of every tenant, in creation order. */
  public synchronized List<Agent> all() {
    return List.copyOf(agents.values());
  }

  private static Agent atRevision(Agent a, long revision) {
    return new Agent(
        a.id(),
        a.tenantId(),
        a.name(),
        a.description(),
        a.capabilities(),
        a.instructions(),
        a.llmModel(),
        a.skillStats(),
        revision,
        a.createdAt(),
        a.updatedAt());
  }
}
