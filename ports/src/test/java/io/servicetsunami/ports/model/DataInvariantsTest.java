package io.servicetsunami.ports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DataInvariantsTest {

  private static final TableSync ORDERS =
      new TableSync("orders", SyncMode.FULL, List.of("id"), Optional.empty(), Duration.ZERO);

  @Test
  void incrementalTableNeedsAWatermarkColumn() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new TableSync(
                    "orders", SyncMode.INCREMENTAL, List.of("id"), Optional.empty(), Duration.ZERO))
        .withMessageContaining("watermark column");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new TableSync(
                    "orders", SyncMode.FULL, List.of(), Optional.empty(), Duration.ofSeconds(-1)));
  }

  @Test
  void deletesAreHonouredOnlyForATableWithAPrimaryKey() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new TableSync(
                    "events",
                    SyncMode.FULL,
                    List.of(),
                    Optional.empty(),
                    Duration.ZERO,
                    Optional.of("is_deleted")))
        .withMessageContaining("only be honoured by primary key");
    assertThat(
            new TableSync(
                    "orders",
                    SyncMode.FULL,
                    List.of("id"),
                    Optional.empty(),
                    Duration.ZERO,
                    Optional.of("is_deleted"))
                .deletedFlagColumn())
        .contains("is_deleted");
    assertThat(ORDERS.deletedFlagColumn()).isEmpty();
  }

  @Test
  void connectorSyncNeedsDistinctTables() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ConnectorSyncConfig(ConnectorType.POSTGRESQL, "pg", List.of()));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new ConnectorSyncConfig(ConnectorType.POSTGRESQL, "pg", List.of(ORDERS, ORDERS)))
        .withMessageContaining("twice");
  }

  @Test
  void pipelineTypeRequiresItsSettings() {
    TenantId tenant = new TenantId(UUID.randomUUID());
    PipelineId id = new PipelineId(UUID.randomUUID());

    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new DataPipeline(
                    id,
                    tenant,
                    "p",
                    PipelineType.DATASET_SYNC,
                    Map.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Instant.EPOCH,
                    Instant.EPOCH));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new DataPipeline(
                    id,
                    tenant,
                    "p",
                    PipelineType.CONNECTOR_SYNC,
                    Map.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Instant.EPOCH,
                    Instant.EPOCH));
  }

  @Test
  void runDurationIsKnownOnceCompleted() {
    PipelineRun running =
        new PipelineRun(
            new RunId(UUID.randomUUID()),
            new PipelineId(UUID.randomUUID()),
            new TenantId(UUID.randomUUID()),
            RunStatus.RUNNING,
            TriggerSource.SCHEDULE,
            "pipeline-x",
            Map.of(),
            Optional.empty(),
            Instant.EPOCH,
            Optional.empty());
    PipelineRun done =
        new PipelineRun(
            running.id(),
            running.pipelineId(),
            running.tenantId(),
            RunStatus.COMPLETED,
            running.trigger(),
            running.workflowId(),
            Map.of(),
            Optional.empty(),
            Instant.EPOCH,
            Optional.of(Instant.EPOCH.plusSeconds(42)));

    assertThat(running.duration()).isEmpty();
    assertThat(done.duration()).contains(Duration.ofSeconds(42));
    assertThat(RunStatus.RUNNING.isTerminal()).isFalse();
    assertThat(RunStatus.CANCELLED.isTerminal()).isTrue();
  }

  @Test
  void skillStatsCannotCountMoreSuccessesThanUses() {
    assertThat(new SkillStats(4, 3, 0.8).successRate()).isEqualTo(0.75);
    assertThat(SkillStats.NEW.successRate()).isZero();
    assertThatIllegalArgumentException().isThrownBy(() -> new SkillStats(1, 2, 0.5));
  }

  @Test
  void workflowStepsMustBeInOrder() {
    StepDefinition first =
        new StepDefinition(
            "dispatch_task",
            1,
            Duration.ofMinutes(2),
            Optional.empty(),
            RetryPolicy.DEFAULT,
            Optional.of(StepType.DISPATCHED));
    StepDefinition third =
        new StepDefinition(
            "execute_task",
            3,
            Duration.ofMinutes(10),
            Optional.empty(),
            RetryPolicy.DEFAULT,
            Optional.of(StepType.EXECUTING));

    StepDefinition resume =
        new StepDefinition(
            "resume_after_approval",
            1,
            Duration.ofMinutes(1),
            Optional.empty(),
            RetryPolicy.DEFAULT,
            Optional.empty());
    List<String> ids = List.of("task-{task_id}");

    WorkflowDefinition ok =
        new WorkflowDefinition(
            WorkflowType.TASK_EXECUTION,
            "servicetsunami-orchestration",
            ids,
            List.of(first),
            List.of(resume));
    assertThat(ok.step("dispatch_task")).isEqualTo(first);
    assertThat(ok.step("resume_after_approval")).isEqualTo(resume);
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new WorkflowDefinition(
                    WorkflowType.TASK_EXECUTION,
                    "servicetsunami-orchestration",
                    ids,
                    List.of(first, third),
                    List.of()))
        .withMessageContaining("out of order");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new WorkflowDefinition(
                    WorkflowType.TASK_EXECUTION,
                    "servicetsunami-orchestration",
                    List.of(),
                    List.of(first),
                    List.of()))
        .withMessageContaining("no workflow id pattern");
    assertThat(WorkflowType.TASK_EXECUTION.typeName()).isEqualTo("TaskExecutionWorkflow");
  }

  @Test
  void defaultResourcesMatchTheOriginalDeployment() {
    assertThat(ResourceSpec.DEFAULT)
        .isEqualTo(new ResourceSpec("250m", "1000m", "512Mi", "2Gi", "1Gi"));
  }
}
