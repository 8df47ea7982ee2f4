package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.model.WorkflowDefinition;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Bronze, silver, metadata ({@code update_dataset_metadata} closes the run). A step that fails for
 * good closes the run as failed through {@code finish_run}, which also marks the dataset failed.
 */
final class DatasetSyncWorkflowImpl implements DatasetSyncWorkflow {

  static final String BRONZE = "sync_to_bronze";
  static final String SILVER = "transform_to_silver";
  static final String METADATA = "update_dataset_metadata";
  static final String FINISH = "finish_run";

  static final List<String> STEPS = List.of(BRONZE, SILVER, METADATA);
  static final List<String> AUXILIARY = List.of(FINISH);

  private final DataSyncActivities activities;

  DatasetSyncWorkflowImpl(WorkflowDefinition definition) {
    this.activities = StepOptions.stub(DataSyncActivities.class, definition);
  }

  @Override
  public void sync(DatasetSyncPayload input) {
    String tenant = input.tenantId();
    String step = BRONZE;
    try {
      activities.syncToBronze(tenant, input.datasetId(), input.runId());
      step = SILVER;
      activities.transformToSilver(tenant, input.datasetId(), input.runId());
      step = METADATA;
      activities.updateDatasetMetadata(tenant, input.datasetId(), input.runId());
    } catch (ActivityFailure failure) {
      DataWorkflows.finishFailed(activities, tenant, input.runId(), Failures.reason(step, failure));
      throw Failures.workflowFailure(step, failure);
    } catch (CanceledFailure cancelled) {
      String reason = "sync cancelled at " + step;
      Workflow.newDetachedCancellationScope(
              () -> DataWorkflows.finishFailed(activities, tenant, input.runId(), reason))
          .run();
      throw cancelled;
    }
  }
}
