package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireNonNegative;
import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static io.servicetsunami.ports.model.Checks.requireUnit;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Something an agent learned, recalled into later tasks when important enough.
 *
 * @param importance in [0, 1]; recall takes memories of at least 0.3
 * @param sourceTaskId the task whose evaluation wrote this memory, if any
 */
public record AgentMemory(
    MemoryId id,
    TenantId tenantId,
    AgentId agentId,
    MemoryType memoryType,
    String content,
    double importance,
    Optional<TaskId> sourceTaskId,
    long accessCount,
    Instant createdAt,
    Optional<Instant> lastAccessedAt) {

  public AgentMemory {
    requireNonNull(id, "id is null");
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(agentId, "agentId is null");
    requireNonNull(memoryType, "memoryType is null");
    requireText(content, "content");
    requireUnit(importance, "importance");
    requireOptional(sourceTaskId, "sourceTaskId");
    requireNonNegative(accessCount, "accessCount");
    requireNonNull(createdAt, "createdAt is null");
    requireOptional(lastAccessedAt, "lastAccessedAt");
  }
}
