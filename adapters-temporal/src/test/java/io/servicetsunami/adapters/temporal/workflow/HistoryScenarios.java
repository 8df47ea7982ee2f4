package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TaskId;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One run of every workflow along each path that matters (completed, retried, failed, compensated;
 * approved, rejected, expired; fanned out; a schedule loop that fired, skipped, was updated and
 * triggered), with fixed ids so the recorded histories are stable. Used to record the committed
 * histories ({@link HistoryRecorderTest}) and to scan histories for secrets.
 */
public final class HistoryScenarios {

  static final String TENANT = "00000000-0000-0000-0000-00000000000a";

  private final TestTemporal temporal;

  public HistoryScenarios(TestTemporal temporal) {
    this.temporal = temporal;
  }

  private static String id(int n) {
    return String.format("00000000-0000-0000-0000-%012d", n);
  }

  /** Runs every scenario; returns the workflow ids to record, by history name. */
  public Map<String, String> runAll() {
    Map<String, String> ids = new LinkedHashMap<>();
    WorkflowClient client = temporal.client();

    ids.put("task_execution_completed", task(id(101), null, t -> {}));
    ids.put(
        "task_execution_retried",
        task(id(102), null, t -> temporal.log.failTransiently("execute_task", t, 2)));
    ids.put(
        "task_execution_failed",
        task(
            id(103),
            null,
            t ->
                temporal.log.failNext(
                    "execute_task",
                    t,
                    new PermanentException(ErrorCode.RUNTIME_FAILED, "refused"))));
    ids.put("task_execution_approved", approval(id(104), true));
    ids.put("task_execution_rejected", approval(id(105), false));
    ids.put(
        "task_execution_expired",
        task(
            id(106),
            Duration.ofHours(24),
            t -> temporal.taskSteps.requireApproval(TaskId.parse(t))));

    String instance = id(201);
    run(
        () ->
            stub(
                    OpenClawProvisionWorkflow.class,
                    "provision-openclaw-" + instance,
                    TestDefinitions.ORCHESTRATION)
                .provision(new ProvisionPayload(TENANT, instance, "2026.9.6", false)));
    ids.put("openclaw_provision_completed", "provision-openclaw-" + instance);
    String failing = id(202);
    temporal.log.failNext(
        "wait_pod_ready", failing, new PermanentException(ErrorCode.POD_FAILED, "crash loop"));
    run(
        () ->
            stub(
                    OpenClawProvisionWorkflow.class,
                    "provision-openclaw-" + failing,
                    TestDefinitions.ORCHESTRATION)
                .provision(new ProvisionPayload(TENANT, failing, "2026.9.6", false)));
    ids.put("openclaw_provision_failed", "provision-openclaw-" + failing);

    String dataset = id(301);
    String run = id(302);
    run(
        () ->
            stub(
                    DatasetSyncWorkflow.class,
                    "dataset-sync-" + dataset + "-" + run,
                    TestDefinitions.DATABRICKS)
                .sync(new DatasetSyncPayload(TENANT, dataset, run, id(303))));
    ids.put("dataset_sync_completed", "dataset-sync-" + dataset + "-" + run);
    String badDataset = id(304);
    temporal.log.failNext(
        "transform_to_silver", badDataset, new PermanentException(ErrorCode.INTERNAL, "no bronze"));
    run(
        () ->
            stub(
                    DatasetSyncWorkflow.class,
                    "dataset-sync-" + badDataset + "-" + run,
                    TestDefinitions.DATABRICKS)
                .sync(new DatasetSyncPayload(TENANT, badDataset, run, null)));
    ids.put("dataset_sync_failed", "dataset-sync-" + badDataset + "-" + run);

    String pipeline = id(401);
    run(
        () ->
            stub(
                    DataSourceSyncWorkflow.class,
                    "datasource-sync-" + pipeline + "-orders-" + run,
                    TestDefinitions.DATABRICKS)
                .sync(new DataSourceSyncPayload(TENANT, pipeline, "orders", run)));
    ids.put("datasource_sync_completed", "datasource-sync-" + pipeline + "-orders-" + run);

    String scheduled = id(402);
    String scheduledRun = id(403);
    temporal.dataSteps.tables(PipelineId.parse(scheduled), List.of("customers", "invoices"));
    run(
        () ->
            stub(
                    ScheduledSyncWorkflow.class,
                    "scheduled-sync-" + scheduled,
                    TestDefinitions.DATABRICKS)
                .sync(new ScheduledSyncPayload(TENANT, scheduled, scheduledRun)));
    ids.put("scheduled_sync_completed", "scheduled-sync-" + scheduled);
    ids.put(
        "scheduled_sync_child_datasource_sync",
        "datasource-sync-" + scheduled + "-customers-" + scheduledRun);

    String session = id(501);
    run(
        () ->
            stub(
                    KnowledgeExtractionWorkflow.class,
                    "knowledge-extraction-" + session,
                    TestDefinitions.DATABRICKS)
                .extract(new KnowledgeExtractionPayload(TENANT, session)));
    ids.put("knowledge_extraction_completed", "knowledge-extraction-" + session);

    String kit = id(601);
    run(
        () ->
            stub(
                    AgentKitExecutionWorkflow.class,
                    "pipeline-" + kit + "-" + run,
                    TestDefinitions.DATABRICKS)
                .execute(new AgentKitPayload(TENANT, kit, run)));
    ids.put("agent_kit_execution_completed", "pipeline-" + kit + "-" + run);

    ids.put("schedule_loop", scheduleLoop(client));
    return ids;
  }

  private interface TaskSetup {
    void prepare(String task);
  }

  private String task(String task, Duration expiry, TaskSetup setup) {
    setup.prepare(task);
    run(
        () ->
            stub(TaskExecutionWorkflow.class, "task-" + task, TestDefinitions.ORCHESTRATION)
                .execute(
                    new TaskExecutionPayload(
                        TENANT, task, expiry == null ? null : expiry.toString())));
    return "task-" + task;
  }

  private String approval(String task, boolean approve) {
    temporal.taskSteps.requireApproval(TaskId.parse(task));
    TaskExecutionWorkflow workflow =
        stub(TaskExecutionWorkflow.class, "task-" + task, TestDefinitions.ORCHESTRATION);
    WorkflowClient.start(workflow::execute, new TaskExecutionPayload(TENANT, task, "PT72H"));
    awaitStep(workflow, "waiting_approval");
    if (approve) {
      workflow.approve(new ApprovePayload(id(901)));
    } else {
      workflow.reject(new RejectPayload(id(902), "numbers are wrong"));
    }
    WorkflowStub.fromTyped(workflow).getResult(TaskOutcomePayload.class);
    return "task-" + task;
  }

  private String scheduleLoop(WorkflowClient client) {
    String scheduleId = "pipeline-schedule-" + id(701);
    String session = id(702);
    ScheduleLoopPayload state =
        new ScheduleLoopPayload(
            scheduleId,
            new SchedulePayload(null, 60L, false),
            new StartRequestPayload(
                "knowledge-extraction-" + session,
                new WorkflowInputPayload(
                    "KnowledgeExtractionWorkflow",
                    TENANT,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    session)),
            0,
            0,
            0);
    ScheduleLoopWorkflow loop =
        client.newWorkflowStub(
            ScheduleLoopWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(scheduleId)
                .setTaskQueue(TestDefinitions.DATABRICKS)
                .build());
    WorkflowClient.start(loop::run, state);
    temporal.env.sleep(Duration.ofMinutes(2));
    awaitStarted(loop, 2);
    loop.update(
        new ScheduleLoopPayload(
            scheduleId, new SchedulePayload("*/5 * * * *", null, false), state.target(), 0, 0, 0));
    loop.trigger();
    awaitStarted(loop, 3);
    temporal.env.sleep(Duration.ofMinutes(6));
    awaitStarted(loop, 4);
    return scheduleId;
  }

  private <T> T stub(Class<T> type, String id, String queue) {
    return temporal
        .client()
        .newWorkflowStub(
            type, WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(queue).build());
  }

  private static void run(Runnable workflow) {
    try {
      workflow.run();
    } catch (io.temporal.client.WorkflowFailedException expectedInFailureScenarios) {
      // the history is what counts
    }
  }

  private static void awaitStarted(ScheduleLoopWorkflow loop, long started) {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      ScheduleLoopPayload state = loop.state();
      if (state != null && state.started() + state.skipped() >= started) {
        return;
      }
      sleep();
    }
    throw new AssertionError("schedule loop never fired " + started + " times");
  }

  private static void awaitStep(TaskExecutionWorkflow workflow, String step) {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        if (step.equals(workflow.currentStep())) {
          return;
        }
      } catch (RuntimeException notStartedYet) {
        // retry
      }
      sleep();
    }
    throw new AssertionError("never reached " + step);
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static UUID uuid(int n) {
    return UUID.fromString(id(n));
  }
}
