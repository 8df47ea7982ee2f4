package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.Map;

/** Run bookkeeping shared by the data workflows. */
final class DataWorkflows {

  private DataWorkflows() {}

  /** Closes the run as failed; a failing close is logged, the workflow fails either way. */
  static void finishFailed(DataSyncActivities activities, String tenant, String run, String error) {
    try {
      activities.finishRun(tenant, run, error, Map.of());
    } catch (ActivityFailure compensationFailed) {
      Workflow.getLogger(DataWorkflows.class).warn("finish_run did not complete for run {}", run);
    }
  }
}
