package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Syncs every table of a connector pipeline, one child DataSourceSyncWorkflow per table. */
@WorkflowInterface
public interface ScheduledSyncWorkflow {

  @WorkflowMethod(name = "ScheduledSyncWorkflow")
  ScheduledSyncResultPayload sync(ScheduledSyncPayload input);
}
