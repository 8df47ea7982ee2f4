package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.RunStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TriggerSource;
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
@Table(name = "pipeline_runs")
class PipelineRunEntity {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "pipeline_id", nullable = false)
  UUID pipelineId;

  @Column(name = "tenant_id", nullable = false)
  UUID tenantId;

  @Column(name = "status", nullable = false)
  String status;

  @Column(name = "trigger_source", nullable = false)
  String triggerSource;

  @Column(name = "workflow_id", nullable = false)
  String workflowId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "output", nullable = false)
  Map<String, Object> output;

  @Column(name = "error")
  String error;

  @Column(name = "started_at", nullable = false)
  Instant startedAt;

  @Column(name = "completed_at")
  Instant completedAt;

  protected PipelineRunEntity() {}

  static PipelineRunEntity of(PipelineRun run) {
    PipelineRunEntity e = new PipelineRunEntity();
    e.id = run.id().value();
    e.pipelineId = run.pipelineId().value();
    e.tenantId = run.tenantId().value();
    e.status = run.status().wire();
    e.triggerSource = run.trigger().wire();
    e.workflowId = run.workflowId();
    e.output = run.output();
    e.error = run.error().orElse(null);
    e.startedAt = Rows.micros(run.startedAt());
    e.completedAt = Rows.micros(run.completedAt());
    return e;
  }

  PipelineRun toRecord() {
    return new PipelineRun(
        new RunId(id),
        new PipelineId(pipelineId),
        new TenantId(tenantId),
        RunStatus.fromWire(status),
        TriggerSource.fromWire(triggerSource),
        workflowId,
        output,
        Optional.ofNullable(error),
        startedAt,
        Optional.ofNullable(completedAt));
  }
}
