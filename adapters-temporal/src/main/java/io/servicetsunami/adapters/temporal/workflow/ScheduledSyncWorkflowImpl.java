package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.model.WorkflowDefinition;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens the run ({@code start_scheduled_run}, which also names the tables), fans out one child
 * DataSourceSyncWorkflow per table — all at once, each under the id pattern of the child's
 * definition, {@code datasource-sync-{pipeline_id}-{table}-{run_id}} — waits for all of them, and
 * closes the run with {@code finish_run}: completed with each table's counts, or failed naming the
 * tables that failed (the workflow then fails too). A schedule starts it without a run id; the
 * workflow then makes one with Temporal's deterministic UUID.
 */
final class ScheduledSyncWorkflowImpl implements ScheduledSyncWorkflow {

  static final String START = "start_scheduled_run";
  static final String FINISH = "finish_run";

  /** The wire forms of the run's trigger source. */
  static final String MANUAL = "manual";

  static final String SCHEDULE = "schedule";

  static final List<String> STEPS = List.of();
  static final List<String> AUXILIARY = List.of(START, FINISH);

  private final WorkflowDefinition child;
  private final DataSyncActivities activities;

  ScheduledSyncWorkflowImpl(WorkflowDefinition definition, WorkflowDefinition child) {
    this.child = child;
    this.activities = StepOptions.stub(DataSyncActivities.class, definition);
  }

  @Override
  public ScheduledSyncResultPayload sync(ScheduledSyncPayload input) {
    String tenant = input.tenantId();
    // A manual execution passes the run it opened; a schedule passes none.
    boolean manual = input.runId() != null;
    String run = manual ? input.runId() : Workflow.randomUUID().toString();
    List<String> tables;
    try {
      tables =
          activities.startScheduledRun(tenant, input.pipelineId(), run, manual ? MANUAL : SCHEDULE);
    } catch (ActivityFailure failure) {
      DataWorkflows.finishFailed(activities, tenant, run, Failures.reason(START, failure));
      throw Failures.workflowFailure(START, failure);
    }

    List<Promise<TableSyncResultPayload>> syncs = new ArrayList<>();
    for (String table : tables) {
      DataSourceSyncWorkflow sync =
          Workflow.newChildWorkflowStub(
              DataSourceSyncWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(childId(input.pipelineId(), table, run))
                  .setTaskQueue(child.taskQueue())
                  .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                  .build());
      syncs.add(
          Async.function(
              sync::sync, new DataSourceSyncPayload(tenant, input.pipelineId(), table, run)));
    }

    List<TableSyncResultPayload> results = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    ChildWorkflowFailure firstFailure = null;
    try {
      for (int i = 0; i < syncs.size(); i++) {
        try {
          results.add(syncs.get(i).get());
        } catch (ChildWorkflowFailure failure) {
          errors.add(Failures.reason("table " + tables.get(i), failure));
          firstFailure = firstFailure == null ? failure : firstFailure;
        }
      }
    } catch (CanceledFailure cancelled) {
      Workflow.newDetachedCancellationScope(
              () -> DataWorkflows.finishFailed(activities, tenant, run, "sync cancelled"))
          .run();
      throw cancelled;
    }

    Map<String, Object> output = new LinkedHashMap<>();
    Map<String, Object> byTable = new LinkedHashMap<>();
    for (TableSyncResultPayload result : results) {
      Map<String, Object> counts = new LinkedHashMap<>();
      counts.put("rows", result.extractedRows());
      counts.put("bronze_rows", result.bronzeRows());
      counts.put("silver_rows", result.silverRows());
      byTable.put(result.table(), counts);
    }
    output.put("tables", byTable);
    if (firstFailure != null) {
      String error = String.join("; ", errors);
      DataWorkflows.finishFailed(activities, tenant, run, error);
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
          error, Failures.type(firstFailure));
    }
    try {
      activities.finishRun(tenant, run, null, output);
    } catch (ActivityFailure failure) {
      throw Failures.workflowFailure(FINISH, failure);
    }
    return new ScheduledSyncResultPayload(run, results);
  }

  /** The child's id from the first id pattern of the DataSourceSync definition. */
  private String childId(String pipeline, String table, String run) {
    return IdPatterns.fill(
        child.idPatterns().get(0), Map.of("pipeline_id", pipeline, "table", table, "run_id", run));
  }
}
