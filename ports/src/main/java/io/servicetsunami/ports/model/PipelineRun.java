package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One execution of a data pipeline, as the run history shows it.
 *
 * @param workflowId the durable workflow carrying the run
 * @param output per-table counts and other run results as JSON
 */
public record PipelineRun(
    RunId id,
    PipelineId pipelineId,
    TenantId tenantId,
    RunStatus status,
    TriggerSource trigger,
    String workflowId,
    Map<String, Object> output,
    Optional<String> error,
    Instant startedAt,
    Optional<Instant> completedAt) {

  public PipelineRun {
    requireNonNull(id, "id is null");
    requireNonNull(pipelineId, "pipelineId is null");
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(status, "status is null");
    requireNonNull(trigger, "trigger is null");
    requireText(workflowId, "workflowId");
    output = Json.copyOf(output);
    requireOptional(error, "error");
    requireNonNull(startedAt, "startedAt is null");
    requireOptional(completedAt, "completedAt");
  }

  public Optional<Duration> duration() {
    return completedAt.map(end -> Duration.between(startedAt, end));
  }
}
