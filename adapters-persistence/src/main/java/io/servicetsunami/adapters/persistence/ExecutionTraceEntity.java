package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TraceId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "execution_traces")
class ExecutionTraceEntity {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "task_id", nullable = false)
  UUID taskId;

  @Column(name = "tenant_id", nullable = false)
  UUID tenantId;

  @Column(name = "step_type", nullable = false)
  String stepType;

  @Column(name = "step_order", nullable = false)
  int stepOrder;

  @Column(name = "agent_id")
  UUID agentId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "details", nullable = false)
  Map<String, Object> details;

  @Column(name = "duration_ms", nullable = false)
  long durationMs;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  protected ExecutionTraceEntity() {}

  ExecutionTrace toRecord() {
    return new ExecutionTrace(
        new TraceId(id),
        new TaskId(taskId),
        new TenantId(tenantId),
        StepType.fromWire(stepType),
        stepOrder,
        Optional.ofNullable(agentId).map(AgentId::new),
        details,
        durationMs,
        createdAt);
  }
}
