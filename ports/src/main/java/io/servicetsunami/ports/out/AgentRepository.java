package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Stores agents. Every method is scoped by tenant: an id of another tenant behaves exactly like an
 * id that does not exist.
 */
public interface AgentRepository {

  /**
   * Stores a new agent at revision 0.
   *
   * @throws ConflictException {@code already_exists} if the id is taken
   */
  Agent create(Agent agent);

  /** The agent, or empty if {@code tenant} has none with this id. */
  Optional<Agent> find(TenantId tenant, AgentId id);

  /** All agents of the tenant, oldest first. */
  List<Agent> list(TenantId tenant);

  /**
   * Replaces the stored agent if its stored revision equals {@code agent.revision()}; returns the
   * stored value with the revision incremented.
   *
   * @throws NotFoundException {@code agent_not_found} if the tenant has no such agent
   * @throws ConflictException {@code concurrent_modification} if the revision is stale
   */
  Agent update(Agent agent);

  /** Deletes the agent; false if the tenant had no such agent. Idempotent. */
  boolean delete(TenantId tenant, AgentId id);
}
