package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.model.WorkflowDefinition;
import io.temporal.failure.ActivityFailure;
import java.util.List;
import java.util.Map;

/**
 * Extract (heartbeating), load to bronze, merge to silver, and only then advance the watermark to
 * what extract read. Run bookkeeping belongs to the caller (ScheduledSyncWorkflow), so a failed
 * step just fails this workflow with the step's error code.
 */
final class DataSourceSyncWorkflowImpl implements DataSourceSyncWorkflow {

  static final String EXTRACT = "extract_from_connector";
  static final String BRONZE = "load_to_bronze";
  static final String SILVER = "load_to_silver";
  static final String METADATA = "update_sync_metadata";

  static final List<String> STEPS = List.of(EXTRACT, BRONZE, SILVER, METADATA);
  static final List<String> AUXILIARY = List.of();

  private final DataSyncActivities activities;

  DataSourceSyncWorkflowImpl(WorkflowDefinition definition) {
    this.activities = StepOptions.stub(DataSyncActivities.class, definition);
  }

  @Override
  public TableSyncResultPayload sync(DataSourceSyncPayload in) {
    String step = EXTRACT;
    try {
      Map<String, Object> extracted =
          activities.extractFromConnector(in.tenantId(), in.pipelineId(), in.table(), in.runId());
      step = BRONZE;
      long bronze = activities.loadToBronze(in.tenantId(), in.pipelineId(), in.table(), in.runId());
      step = SILVER;
      long silver = activities.loadToSilver(in.tenantId(), in.pipelineId(), in.table(), in.runId());
      step = METADATA;
      String watermark =
          extracted.get("max_watermark") instanceof String mark && !mark.isEmpty() ? mark : null;
      activities.updateSyncMetadata(
          in.tenantId(), in.pipelineId(), in.table(), in.runId(), watermark);
      long rows = extracted.get("rows") instanceof Number n ? n.longValue() : 0L;
      return new TableSyncResultPayload(in.table(), rows, bronze, silver, watermark);
    } catch (ActivityFailure failure) {
      throw Failures.workflowFailure(step, failure);
    }
  }
}
