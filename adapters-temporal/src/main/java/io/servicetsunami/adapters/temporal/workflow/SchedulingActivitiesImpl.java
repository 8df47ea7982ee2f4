package io.servicetsunami.adapters.temporal.workflow;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.out.WorkflowEngine;

/**
 * Starts a schedule's target through the {@link WorkflowEngine}, whose start is idempotent per
 * running workflow id: a target still running is not started again, which is the schedules' overlap
 * policy "skip".
 */
final class SchedulingActivitiesImpl implements SchedulingActivities {

  private final WorkflowEngine engine;

  SchedulingActivitiesImpl(WorkflowEngine engine) {
    this.engine = requireNonNull(engine, "engine is null");
  }

  @Override
  public boolean startScheduledWorkflow(StartRequestPayload request) {
    return Failures.call(
        () ->
            !engine
                .start(request.workflowId(), Inputs.fromPayload(request.input()))
                .alreadyRunning());
  }
}
