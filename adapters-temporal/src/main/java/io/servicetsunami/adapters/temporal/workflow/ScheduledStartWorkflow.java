package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The action of a real Temporal Schedule. A schedule's own action would start the target under its
 * id plus a timestamp; this one starts it under the target's fixed id (e.g. {@code
 * scheduled-sync-{pipeline_id}}) through the engine, so a manual run and a scheduled run exclude
 * each other exactly as in the embedded fallback.
 */
@WorkflowInterface
public interface ScheduledStartWorkflow {

  String TYPE = "ServiceTsunamiScheduledStart";

  /** Returns true if the target started, false if it was still running (the fire is skipped). */
  @WorkflowMethod(name = TYPE)
  boolean start(StartRequestPayload request);
}
