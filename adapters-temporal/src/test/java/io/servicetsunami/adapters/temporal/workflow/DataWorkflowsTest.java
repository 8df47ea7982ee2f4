package io.servicetsunami.adapters.temporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TriggerSource;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemoryWorkflowEngine;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DataWorkflowsTest {

  private static TestTemporal temporal;

  @BeforeAll
  static void startTemporal() {
    temporal = TestTemporal.start(client -> new InMemoryWorkflowEngine());
  }

  @AfterAll
  static void stopTemporal() {
    temporal.close();
  }

  private final String tenant = Fixtures.tenantId().toString();
  private final String run = UUID.randomUUID().toString();

  private <T> T stub(Class<T> type, String id) {
    return temporal
        .client()
        .newWorkflowStub(
            type,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(TestDefinitions.DATABRICKS)
                .build());
  }

  private static void assertSpacedThirtyThenSixty(List<StepLog.Call> attempts) {
    assertThat(attempts).hasSize(3);
    assertThat(attempts.get(1).atMillis() - attempts.get(0).atMillis()).isBetween(30_000L, 31_000L);
    assertThat(attempts.get(2).atMillis() - attempts.get(1).atMillis()).isBetween(60_000L, 61_000L);
  }

  // ---- DatasetSyncWorkflow ---------------------------------------------------------------------

  @Test
  void datasetSyncRunsBronzeSilverMetadata() {
    String dataset = Fixtures.datasetId().toString();

    stub(DatasetSyncWorkflow.class, "dataset-sync-" + dataset + "-" + run)
        .sync(new DatasetSyncPayload(tenant, dataset, run, null));

    assertThat(temporal.log.steps(dataset))
        .containsExactly("sync_to_bronze", "transform_to_silver", "update_dataset_metadata");
    assertThat(temporal.log.calls(run)).isEmpty(); // update_dataset_metadata closes the run
  }

  @Test
  void datasetSyncRetriesTwiceThenCompletes() {
    String dataset = Fixtures.datasetId().toString();
    temporal.log.failTransiently("transform_to_silver", dataset, 2);

    stub(DatasetSyncWorkflow.class, "dataset-sync-" + dataset + "-" + run)
        .sync(new DatasetSyncPayload(tenant, dataset, run, null));

    assertSpacedThirtyThenSixty(temporal.log.calls("transform_to_silver", dataset));
    assertThat(temporal.log.steps(dataset)).endsWith("update_dataset_metadata");
  }

  @Test
  void datasetSyncFailingForGoodClosesTheRunAsFailed() {
    String dataset = Fixtures.datasetId().toString();
    temporal.log.failNext(
        "sync_to_bronze",
        dataset,
        new NotFoundException(ErrorCode.DATASET_NOT_FOUND, "dataset " + dataset + " not found"));
    DatasetSyncWorkflow workflow =
        stub(DatasetSyncWorkflow.class, "dataset-sync-" + dataset + "-" + run);

    assertThatThrownBy(() -> workflow.sync(new DatasetSyncPayload(tenant, dataset, run, null)))
        .isInstanceOf(WorkflowFailedException.class);

    assertThat(temporal.log.calls("sync_to_bronze", dataset)).hasSize(1);
    StepLog.Call finish = temporal.log.calls("finish_run", run).get(0);
    assertThat((String) finish.args().get(1))
        .contains("sync_to_bronze failed", "dataset_not_found");
  }

  // ---- DataSourceSyncWorkflow ------------------------------------------------------------------

  @Test
  void dataSourceSyncAdvancesTheWatermarkLast() {
    String pipeline = Fixtures.pipelineId().toString();
    String table = "orders_" + run.substring(0, 8);

    TableSyncResultPayload result =
        stub(DataSourceSyncWorkflow.class, "datasource-sync-" + pipeline + "-" + table + "-" + run)
            .sync(new DataSourceSyncPayload(tenant, pipeline, table, run));

    assertThat(result)
        .isEqualTo(new TableSyncResultPayload(table, 42, 42, 40, "2026-11-01T00:00:00Z"));
    assertThat(temporal.log.steps(table))
        .containsExactly(
            "extract_from_connector", "load_to_bronze", "load_to_silver", "update_sync_metadata");
    assertThat(temporal.log.calls("update_sync_metadata", table).get(0).args().get(3))
        .isEqualTo("2026-11-01T00:00:00Z");
  }

  @Test
  void dataSourceSyncRetriesTheExtractTwiceThenCompletes() {
    String pipeline = Fixtures.pipelineId().toString();
    String table = "customers_" + run.substring(0, 8);
    temporal.log.failTransiently("extract_from_connector", table, 2);

    stub(DataSourceSyncWorkflow.class, "datasource-sync-" + pipeline + "-" + table + "-" + run)
        .sync(new DataSourceSyncPayload(tenant, pipeline, table, run));

    assertSpacedThirtyThenSixty(temporal.log.calls("extract_from_connector", table));
  }

  @Test
  void dataSourceSyncFailsFastOnAPermanentConnectorError() {
    String pipeline = Fixtures.pipelineId().toString();
    String table = "events_" + run.substring(0, 8);
    temporal.log.failNext(
        "extract_from_connector",
        table,
        new PermanentException(ErrorCode.CONNECTOR_FAILED, "bad sql"));
    DataSourceSyncWorkflow workflow =
        stub(DataSourceSyncWorkflow.class, "datasource-sync-" + pipeline + "-" + table + "-" + run);

    assertThatThrownBy(() -> workflow.sync(new DataSourceSyncPayload(tenant, pipeline, table, run)))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("connector_failed"));
    assertThat(temporal.log.steps(table)).containsExactly("extract_from_connector");
  }

  // ---- ScheduledSyncWorkflow -------------------------------------------------------------------

  @Test
  void scheduledSyncFansOutOneChildPerTableAndClosesTheRun() {
    PipelineId pipelineId = Fixtures.pipelineId();
    String pipeline = pipelineId.toString();
    String suffix = run.substring(0, 8);
    List<String> tables = List.of("a_" + suffix, "b_" + suffix, "c_" + suffix);
    temporal.dataSteps.tables(pipelineId, tables);

    ScheduledSyncResultPayload result =
        stub(ScheduledSyncWorkflow.class, "scheduled-sync-" + pipeline)
            .sync(new ScheduledSyncPayload(tenant, pipeline, run));

    assertThat(result.runId()).isEqualTo(run);
    assertThat(result.tables())
        .extracting(TableSyncResultPayload::table)
        .containsExactlyElementsOf(tables);
    for (String table : tables) {
      assertThat(temporal.log.steps(table))
          .containsExactly(
              "extract_from_connector", "load_to_bronze", "load_to_silver", "update_sync_metadata");
      String childId = "datasource-sync-" + pipeline + "-" + table + "-" + run;
      assertThat(status(childId))
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }
    assertThat(temporal.log.calls("start_scheduled_run", pipeline).get(0).args().get(2))
        .isEqualTo(TriggerSource.MANUAL);
    StepLog.Call finish = temporal.log.calls("finish_run", run).get(0);
    assertThat(finish.args().get(1)).isNull();
    @SuppressWarnings("unchecked")
    Map<String, Object> byTable =
        (Map<String, Object>) ((Map<String, Object>) finish.args().get(2)).get("tables");
    assertThat(byTable).containsOnlyKeys(tables);
  }

  @Test
  void aScheduledRunWithoutARunIdMakesOneAndSaysTheScheduleStartedIt() {
    PipelineId pipelineId = Fixtures.pipelineId();
    temporal.dataSteps.tables(pipelineId, List.of("t_" + run.substring(0, 8)));

    ScheduledSyncResultPayload result =
        stub(ScheduledSyncWorkflow.class, "scheduled-sync-" + pipelineId)
            .sync(new ScheduledSyncPayload(tenant, pipelineId.toString(), null));

    assertThat(UUID.fromString(result.runId())).isNotNull();
    StepLog.Call start = temporal.log.calls("start_scheduled_run", pipelineId.toString()).get(0);
    assertThat(start.args().get(1).toString()).isEqualTo(result.runId());
    assertThat(start.args().get(2)).isEqualTo(TriggerSource.SCHEDULE);
    assertThat(temporal.log.calls("finish_run", result.runId())).hasSize(1);
  }

  @Test
  void aFailedTableFailsTheRunAndTheWorkflowAfterTheOthersFinish() {
    PipelineId pipelineId = Fixtures.pipelineId();
    String suffix = run.substring(0, 8);
    String good = "good_" + suffix;
    String bad = "bad_" + suffix;
    temporal.dataSteps.tables(pipelineId, List.of(good, bad));
    temporal.log.failNext(
        "load_to_silver",
        bad,
        new PermanentException(ErrorCode.CONNECTOR_FAILED, "no primary key"));
    ScheduledSyncWorkflow workflow =
        stub(ScheduledSyncWorkflow.class, "scheduled-sync-" + pipelineId);

    assertThatThrownBy(
            () -> workflow.sync(new ScheduledSyncPayload(tenant, pipelineId.toString(), run)))
        .isInstanceOf(WorkflowFailedException.class);

    assertThat(temporal.log.steps(good)).endsWith("update_sync_metadata");
    StepLog.Call finish = temporal.log.calls("finish_run", run).get(0);
    assertThat((String) finish.args().get(1)).contains("table " + bad, "no primary key");
  }

  @Test
  void scheduledSyncRetriesOpeningTheRunTwiceThenSyncs() {
    PipelineId pipelineId = Fixtures.pipelineId();
    temporal.dataSteps.tables(pipelineId, List.of());
    temporal.log.failTransiently("start_scheduled_run", pipelineId.toString(), 2);

    stub(ScheduledSyncWorkflow.class, "scheduled-sync-" + pipelineId)
        .sync(new ScheduledSyncPayload(tenant, pipelineId.toString(), run));

    assertSpacedThirtyThenSixty(temporal.log.calls("start_scheduled_run", pipelineId.toString()));
    assertThat(temporal.log.calls("finish_run", run)).hasSize(1);
  }

  @Test
  void scheduledSyncFailsFastWhenThePipelineIsGone() {
    PipelineId pipelineId = Fixtures.pipelineId();
    temporal.log.failNext(
        "start_scheduled_run",
        pipelineId.toString(),
        new NotFoundException(ErrorCode.PIPELINE_NOT_FOUND, "pipeline gone"));
    ScheduledSyncWorkflow workflow =
        stub(ScheduledSyncWorkflow.class, "scheduled-sync-" + pipelineId);

    assertThatThrownBy(
            () -> workflow.sync(new ScheduledSyncPayload(tenant, pipelineId.toString(), run)))
        .isInstanceOf(WorkflowFailedException.class);
    assertThat(temporal.log.calls("start_scheduled_run", pipelineId.toString())).hasSize(1);
    assertThat((String) temporal.log.calls("finish_run", run).get(0).args().get(1))
        .contains("pipeline_not_found");
  }

  // ---- KnowledgeExtractionWorkflow -------------------------------------------------------------

  @Test
  void knowledgeExtractionReturnsTheEntityCount() {
    String session = UUID.randomUUID().toString();

    int entities =
        stub(KnowledgeExtractionWorkflow.class, "knowledge-extraction-" + session)
            .extract(new KnowledgeExtractionPayload(tenant, session));

    assertThat(entities).isEqualTo(3);
  }

  @Test
  void knowledgeExtractionRetriesTheModelTwiceThenCompletes() {
    String session = UUID.randomUUID().toString();
    temporal.log.failTransiently("extract_knowledge_from_session", session, 2);

    stub(KnowledgeExtractionWorkflow.class, "knowledge-extraction-" + session)
        .extract(new KnowledgeExtractionPayload(tenant, session));

    assertSpacedThirtyThenSixty(temporal.log.calls("extract_knowledge_from_session", session));
  }

  @Test
  void knowledgeExtractionFailsFastWhenTheModelRejectsTheTranscript() {
    String session = UUID.randomUUID().toString();
    temporal.log.failNext(
        "extract_knowledge_from_session",
        session,
        new PermanentException(ErrorCode.LLM_REJECTED, "no structured answer"));
    KnowledgeExtractionWorkflow workflow =
        stub(KnowledgeExtractionWorkflow.class, "knowledge-extraction-" + session);

    assertThatThrownBy(() -> workflow.extract(new KnowledgeExtractionPayload(tenant, session)))
        .isInstanceOf(WorkflowFailedException.class);
    assertThat(temporal.log.calls(session)).hasSize(1);
  }

  // ---- AgentKitExecutionWorkflow ---------------------------------------------------------------

  @Test
  void agentKitClosesTheRunWithItsOutput() {
    String pipeline = Fixtures.pipelineId().toString();

    Map<String, Object> output =
        stub(AgentKitExecutionWorkflow.class, "pipeline-" + pipeline + "-" + run)
            .execute(new AgentKitPayload(tenant, pipeline, run));

    assertThat(output).containsKey("task_ids");
    StepLog.Call finish = temporal.log.calls("finish_run", run).get(0);
    assertThat(finish.args().get(1)).isNull();
    assertThat(((Map<?, ?>) finish.args().get(2)).containsKey("task_ids")).isTrue();
  }

  @Test
  void agentKitRetriesTwiceThenCompletes() {
    String pipeline = Fixtures.pipelineId().toString();
    temporal.log.failTransiently("execute_agent_kit_activity", pipeline, 2);

    stub(AgentKitExecutionWorkflow.class, "pipeline-" + pipeline + "-" + run)
        .execute(new AgentKitPayload(tenant, pipeline, run));

    assertSpacedThirtyThenSixty(temporal.log.calls("execute_agent_kit_activity", pipeline));
  }

  @Test
  void agentKitFailingForGoodClosesTheRunAsFailed() {
    String pipeline = Fixtures.pipelineId().toString();
    temporal.log.failNext(
        "execute_agent_kit_activity",
        pipeline,
        new io.servicetsunami.ports.error.InvalidInputException(
            ErrorCode.INVALID_INPUT, "not a kit"));
    AgentKitExecutionWorkflow workflow =
        stub(AgentKitExecutionWorkflow.class, "pipeline-" + pipeline + "-" + run);

    assertThatThrownBy(() -> workflow.execute(new AgentKitPayload(tenant, pipeline, run)))
        .isInstanceOf(WorkflowFailedException.class);
    assertThat(temporal.log.calls("execute_agent_kit_activity", pipeline)).hasSize(1);
    assertThat((String) temporal.log.calls("finish_run", run).get(0).args().get(1))
        .contains("invalid_input");
  }

  private static WorkflowExecutionStatus status(String workflowId) {
    return temporal
        .env
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(temporal.env.getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build())
                .build())
        .getWorkflowExecutionInfo()
        .getStatus();
  }
}
