package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The embedded mode's schedule: a durable timer loop under the schedule's id that starts its target
 * at each fire time, skipping a fire while the target still runs.
 */
@WorkflowInterface
public interface ScheduleLoopWorkflow {

  String TYPE = "ServiceTsunamiScheduleLoop";
  String UPDATE_SIGNAL = "update";
  String TRIGGER_SIGNAL = "trigger";

  @WorkflowMethod(name = TYPE)
  void run(ScheduleLoopPayload state);

  /** Replaces spec and target (counters stay); sent by every ensure. */
  @SignalMethod(name = UPDATE_SIGNAL)
  void update(ScheduleLoopPayload next);

  /** Fires now, outside the spec (still skipped while the target runs). */
  @SignalMethod(name = TRIGGER_SIGNAL)
  void trigger();

  @QueryMethod(name = "state")
  ScheduleLoopPayload state();
}
