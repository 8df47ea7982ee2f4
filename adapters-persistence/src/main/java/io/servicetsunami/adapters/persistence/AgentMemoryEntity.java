package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.MemoryType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Entity
@Table(name = "agent_memories")
class AgentMemoryEntity {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "tenant_id", nullable = false)
  UUID tenantId;

  @Column(name = "agent_id", nullable = false)
  UUID agentId;

  @Column(name = "memory_type", nullable = false)
  String memoryType;

  @Column(name = "content", nullable = false)
  String content;

  @Column(name = "importance", nullable = false)
  double importance;

  @Column(name = "source_task_id")
  UUID sourceTaskId;

  @Column(name = "access_count", nullable = false)
  long accessCount;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "last_accessed_at")
  Instant lastAccessedAt;

  protected AgentMemoryEntity() {}

  AgentMemory toRecord() {
    return new AgentMemory(
        new MemoryId(id),
        new TenantId(tenantId),
        new AgentId(agentId),
        MemoryType.fromWire(memoryType),
        content,
        importance,
        Optional.ofNullable(sourceTaskId).map(TaskId::new),
        accessCount,
        createdAt,
        Optional.ofNullable(lastAccessedAt));
  }
}
