package io.servicetsunami.ports.out;

import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Stores agent memories, scoped by tenant. */
public interface AgentMemoryRepository {

  /**
   * Stores the memory unless one with its id exists, and returns the stored memory. Idempotent, so
   * that a retried evaluation writes one memory. If the id is taken by another tenant's row, throws
   * {@link io.servicetsunami.ports.error.ConflictException} ({@code already_exists}) and reveals
   * nothing of that row.
   */
  AgentMemory save(AgentMemory memory);

  /**
   * The agent's memories of at least {@code minImportance}, most important first, newest first
   * among equals, at most {@code limit}.
   */
  List<AgentMemory> recall(TenantId tenant, AgentId agent, double minImportance, int limit);

  /** All the agent's memories, newest first. */
  List<AgentMemory> list(TenantId tenant, AgentId agent);

  /**
   * Counts one access of each memory and sets its last access time. Ids of other tenants are
   * ignored.
   */
  void markAccessed(TenantId tenant, Collection<MemoryId> ids, Instant at);
}
