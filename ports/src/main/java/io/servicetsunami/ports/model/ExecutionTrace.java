package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireNonNegative;
import static io.servicetsunami.ports.model.Checks.requireOptional;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a task's execution as the timeline shows it. The id is derived from the task, step
 * and call, so a workflow that retries a step writes the same id again and the store keeps one row.
 *
 * @param stepOrder 1–5 for the pipeline's steps; skill calls carry the order of the step they ran
 *     in
 * @param details step-specific JSON; never contains credentials
 */
public record ExecutionTrace(
    TraceId id,
    TaskId taskId,
    TenantId tenantId,
    StepType stepType,
    int stepOrder,
    Optional<AgentId> agentId,
    Map<String, Object> details,
    long durationMs,
    Instant createdAt) {

  public ExecutionTrace {
    requireNonNull(id, "id is null");
    requireNonNull(taskId, "taskId is null");
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(stepType, "stepType is null");
    if (stepOrder < 1) {
      throw new IllegalArgumentException("stepOrder must be at least 1: " + stepOrder);
    }
    requireOptional(agentId, "agentId");
    details = Json.copyOf(details);
    requireNonNegative(durationMs, "durationMs");
    requireNonNull(createdAt, "createdAt is null");
  }
}
