package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What a schedule does when it fires: start its target unless the target is still running. */
@ActivityInterface
public interface SchedulingActivities {

  /** Returns true if the target started, false if it was running already (the fire is skipped). */
  @ActivityMethod(name = "start_scheduled_workflow")
  boolean startScheduledWorkflow(StartRequestPayload request);
}
