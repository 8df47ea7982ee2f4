package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskPriority;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.UserId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "agent_tasks")
class AgentTaskEntity {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "tenant_id", nullable = false)
  UUID tenantId;

  @Column(name = "objective", nullable = false)
  String objective;

  @Column(name = "task_type", nullable = false)
  String taskType;

  @Column(name = "priority", nullable = false)
  String priority;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "required_capabilities", nullable = false)
  List<String> requiredCapabilities;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "context", nullable = false)
  Map<String, Object> context;

  @Column(name = "requires_approval", nullable = false)
  boolean requiresApproval;

  @Column(name = "status", nullable = false)
  String status;

  @Column(name = "assigned_agent_id")
  UUID assignedAgentId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "output", nullable = false)
  Map<String, Object> output;

  @Column(name = "confidence")
  Double confidence;

  @Column(name = "error")
  String error;

  @Column(name = "approved_by")
  UUID approvedBy;

  @Column(name = "revision", nullable = false)
  long revision;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  @Column(name = "started_at")
  Instant startedAt;

  @Column(name = "completed_at")
  Instant completedAt;

  protected AgentTaskEntity() {}

  static AgentTaskEntity of(AgentTask task, long revision) {
    AgentTaskEntity e = new AgentTaskEntity();
    e.id = task.id().value();
    e.tenantId = task.tenantId().value();
    e.objective = task.objective();
    e.taskType = task.taskType();
    e.priority = task.priority().wire();
    e.requiredCapabilities = task.requiredCapabilities();
    e.context = task.context();
    e.requiresApproval = task.requiresApproval();
    e.status = task.status().wire();
    e.assignedAgentId = task.assignedAgentId().map(AgentId::value).orElse(null);
    e.output = task.output();
    e.confidence = task.confidence().orElse(null);
    e.error = task.error().orElse(null);
    e.approvedBy = task.approvedBy().map(UserId::value).orElse(null);
    e.revision = revision;
    e.createdAt = Rows.micros(task.createdAt());
    e.updatedAt = Rows.micros(task.updatedAt());
    e.startedAt = Rows.micros(task.startedAt());
    e.completedAt = Rows.micros(task.completedAt());
    return e;
  }

  AgentTask toRecord() {
    return new AgentTask(
        new TaskId(id),
        new TenantId(tenantId),
        objective,
        taskType,
        TaskPriority.fromWire(priority),
        requiredCapabilities,
        context,
        requiresApproval,
        TaskStatus.fromWire(status),
        Optional.ofNullable(assignedAgentId).map(AgentId::new),
        output,
        Optional.ofNullable(confidence),
        Optional.ofNullable(error),
        Optional.ofNullable(approvedBy).map(UserId::new),
        revision,
        createdAt,
        updatedAt,
        Optional.ofNullable(startedAt),
        Optional.ofNullable(completedAt));
  }
}
