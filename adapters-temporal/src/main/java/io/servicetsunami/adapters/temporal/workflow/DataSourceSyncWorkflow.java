package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Syncs one table of a connector pipeline: extract, bronze, silver, watermark. */
@WorkflowInterface
public interface DataSourceSyncWorkflow {

  @WorkflowMethod(name = "DataSourceSyncWorkflow")
  TableSyncResultPayload sync(DataSourceSyncPayload input);
}
