package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.workflow.Workflow;

final class ScheduledStartWorkflowImpl implements ScheduledStartWorkflow {

  private final SchedulingActivities scheduling =
      Workflow.newActivityStub(SchedulingActivities.class, ScheduleLoopWorkflowImpl.START_OPTIONS);

  @Override
  public boolean start(StartRequestPayload request) {
    return scheduling.startScheduledWorkflow(request);
  }
}
