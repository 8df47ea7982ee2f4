package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentMemoryRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link AgentMemoryRepository} in memory: the first save of an id wins. */
public final class InMemoryAgentMemoryRepository implements AgentMemoryRepository {

  private final Map<MemoryId, AgentMemory> memories = new LinkedHashMap<>();

  @Override
  public synchronized AgentMemory save(AgentMemory memory) {
    requireNonNull(memory, "memory is null");
    AgentMemory existing = memories.get(memory.id());
    if (existing == null) {
      memories.put(memory.id(), memory);
      return memory;
    }
    if (!existing.tenantId().equals(memory.tenantId())) {
      throw new ConflictException(ErrorCode.ALREADY_EXISTS, "memory " + memory.id() + " exists");
    }
    return existing;
  }

  @Override
  public synchronized List<AgentMemory> recall(
      TenantId tenant, AgentId agent, double minImportance, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit is negative: " + limit);
    }
    return ofAgent(tenant, agent).stream()
        .filter(m -> m.importance() >= minImportance)
        .sorted(
            Comparator.comparingDouble(AgentMemory::importance)
                .reversed()
                .thenComparing(AgentMemory::createdAt, Comparator.reverseOrder()))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<AgentMemory> list(TenantId tenant, AgentId agent) {
    return ofAgent(tenant, agent).stream()
        .sorted(Comparator.comparing(AgentMemory::createdAt).reversed())
        .toList();
  }

  @Override
  public synchronized void markAccessed(TenantId tenant, Collection<MemoryId> ids, Instant at) {
    requireNonNull(ids, "ids is null");
    requireNonNull(at, "at is null");
    // A store counts each memory once per call, however often the caller lists it.
    for (MemoryId id : new LinkedHashSet<>(ids)) {
      AgentMemory m = memories.get(id);
      if (m != null && m.tenantId().equals(tenant)) {
        memories.put(
            id,
            new AgentMemory(
                m.id(),
                m.tenantId(),
                m.agentId(),
                m.memoryType(),
                m.content(),
                m.importance(),
                m.sourceTaskId(),
                m.accessCount() + 1,
                m.createdAt(),
                Optional.of(at)));
      }
    }
  }

  /** Every stored memory of every tenant, in write order. */
  public synchronized List<AgentMemory> all() {
    return List.copyOf(memories.values());
  }

  private List<AgentMemory> ofAgent(TenantId tenant, AgentId agent) {
    // Newest-inserted first, so that equal timestamps list the later write first.
    List<AgentMemory> result = new ArrayList<>();
    for (AgentMemory m : memories.values()) {
      if (m.tenantId().equals(tenant) && m.agentId().equals(agent)) {
        result.add(m);
      }
    }
    Collections.reverse(result);
    return result;
  }
}
