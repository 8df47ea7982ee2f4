package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What a workflow engine knows about the latest run of a workflow id.
 *
 * @param failure a safe message when the run failed
 */
public record WorkflowDescription(
    String workflowId,
    String runId,
    WorkflowType type,
    WorkflowState state,
    Instant startedAt,
    Optional<Instant> closedAt,
    Optional<String> failure) {

  public WorkflowDescription {
    requireText(workflowId, "workflowId");
    requireText(runId, "runId");
    requireNonNull(type, "type is null");
    requireNonNull(state, "state is null");
    requireNonNull(startedAt, "startedAt is null");
    requireOptional(closedAt, "closedAt");
    requireOptional(failure, "failure");
  }
}
