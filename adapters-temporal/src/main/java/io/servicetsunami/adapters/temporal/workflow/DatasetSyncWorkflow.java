package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Lands an uploaded dataset in bronze and silver. */
@WorkflowInterface
public interface DatasetSyncWorkflow {

  @WorkflowMethod(name = "DatasetSyncWorkflow")
  void sync(DatasetSyncPayload input);
}
