package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * One step (activity) of a workflow.
 *
 * @param name the activity name, e.g. {@code dispatch_task}
 * @param order 1-based position in the workflow
 * @param startToCloseTimeout how long one attempt may take
 * @param heartbeatTimeout set for steps that wait (pod readiness, long extracts) and must heartbeat
 * @param traceStep the execution-trace step type the step writes, for task steps
 */
public record StepDefinition(
    String name,
    int order,
    Duration startToCloseTimeout,
    Optional<Duration> heartbeatTimeout,
    RetryPolicy retryPolicy,
    Optional<StepType> traceStep) {

  public StepDefinition {
    requireText(name, "name");
    if (order < 1) {
      throw new IllegalArgumentException("order must be at least 1");
    }
    requireNonNull(startToCloseTimeout, "startToCloseTimeout is null");
    requireOptional(heartbeatTimeout, "heartbeatTimeout");
    requireNonNull(retryPolicy, "retryPolicy is null");
    requireOptional(traceStep, "traceStep");
  }
}
