package io.servicetsunami.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.RetryPolicy;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.StepDefinition;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.WorkflowDefinition;
import io.servicetsunami.ports.model.WorkflowType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkflowCatalogTest {

  @Test
  void definesAllSevenWorkflowsWithTheirQueues() {
    assertThat(WorkflowCatalog.all()).containsOnlyKeys(WorkflowType.values());
    assertThat(queueOf(WorkflowType.TASK_EXECUTION)).isEqualTo("servicetsunami-orchestration");
    assertThat(queueOf(WorkflowType.OPENCLAW_PROVISION)).isEqualTo("servicetsunami-orchestration");
    for (WorkflowType type :
        List.of(
            WorkflowType.DATASET_SYNC,
            WorkflowType.DATASOURCE_SYNC,
            WorkflowType.SCHEDULED_SYNC,
            WorkflowType.KNOWLEDGE_EXTRACTION,
            WorkflowType.AGENT_KIT_EXECUTION)) {
      assertThat(queueOf(type)).as(type.typeName()).isEqualTo("servicetsunami-databricks");
    }
  }

  @Test
  void taskExecutionRunsTheFiveStepsWithTheOriginalTimeoutsAndTraceTypes() {
    WorkflowDefinition task = WorkflowCatalog.TASK_EXECUTION;

    assertThat(task.steps())
        .extracting(
            StepDefinition::name,
            StepDefinition::startToCloseTimeout,
            s -> s.traceStep().orElseThrow())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "dispatch_task", Duration.ofMinutes(2), StepType.DISPATCHED),
            org.assertj.core.groups.Tuple.tuple(
                "recall_memory", Duration.ofMinutes(1), StepType.MEMORY_RECALL),
            org.assertj.core.groups.Tuple.tuple(
                "execute_task", Duration.ofMinutes(10), StepType.EXECUTING),
            org.assertj.core.groups.Tuple.tuple(
                "persist_entities", Duration.ofMinutes(5), StepType.ENTITY_PERSIST),
            org.assertj.core.groups.Tuple.tuple(
                "evaluate_task", Duration.ofMinutes(2), StepType.COMPLETED));
    assertThat(task.idPatterns()).containsExactly("task-{task_id}");
  }

  @Test
  void provisioningRunsTheFiveStepsAndHeartbeatsWhileWaitingForThePod() {
    WorkflowDefinition provision = WorkflowCatalog.OPENCLAW_PROVISION;

    assertThat(provision.steps())
        .extracting(StepDefinition::name, StepDefinition::startToCloseTimeout)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("generate_openclaw_values", Duration.ofMinutes(1)),
            org.assertj.core.groups.Tuple.tuple("helm_install_openclaw", Duration.ofMinutes(7)),
            org.assertj.core.groups.Tuple.tuple("wait_pod_ready", Duration.ofMinutes(6)),
            org.assertj.core.groups.Tuple.tuple("health_check_openclaw", Duration.ofMinutes(2)),
            org.assertj.core.groups.Tuple.tuple("register_instance", Duration.ofMinutes(1)));
    assertThat(provision.step("wait_pod_ready").heartbeatTimeout()).isPresent();
    assertThat(provision.idPatterns())
        .containsExactly(
            "provision-openclaw-{instance_id}", "upgrade-openclaw-{instance_id}-{timestamp}");
  }

  @Test
  void dataWorkflowsRunTheirStepsInOrder() {
    assertThat(names(WorkflowType.DATASET_SYNC))
        .containsExactly("sync_to_bronze", "transform_to_silver", "update_dataset_metadata");
    assertThat(WorkflowCatalog.DATASET_SYNC.steps())
        .extracting(StepDefinition::startToCloseTimeout)
        .containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(1));
    assertThat(names(WorkflowType.DATASOURCE_SYNC))
        .containsExactly(
            "extract_from_connector", "load_to_bronze", "load_to_silver", "update_sync_metadata");
    assertThat(names(WorkflowType.KNOWLEDGE_EXTRACTION))
        .containsExactly("extract_knowledge_from_session");
    assertThat(names(WorkflowType.AGENT_KIT_EXECUTION))
        .containsExactly("execute_agent_kit_activity");
  }

  @Test
  void everyStepRetriesThreeTimesFromThirtySecondsDoubling() {
    for (WorkflowDefinition definition : WorkflowCatalog.all().values()) {
      for (StepDefinition step : definition.steps()) {
        assertThat(step.retryPolicy()).as(step.name()).isEqualTo(RetryPolicy.DEFAULT);
      }
    }
    assertThat(RetryPolicy.DEFAULT.maximumAttempts()).isEqualTo(3);
    assertThat(RetryPolicy.DEFAULT.initialInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.DEFAULT.backoffCoefficient()).isEqualTo(2.0);
  }

  @Test
  void formsWorkflowIdsByTheOriginalPatterns() {
    UUID a = UUID.fromString("11111111-2222-3333-4444-555555555555");
    UUID b = UUID.fromString("66666666-7777-8888-9999-000000000000");

    assertThat(WorkflowIds.task(new TaskId(a))).isEqualTo("task-" + a);
    assertThat(WorkflowIds.provision(new InstanceId(a))).isEqualTo("provision-openclaw-" + a);
    assertThat(WorkflowIds.upgrade(new InstanceId(a), Instant.ofEpochSecond(1_700_000_000)))
        .isEqualTo("upgrade-openclaw-" + a + "-1700000000");
    assertThat(WorkflowIds.scheduledSync(new PipelineId(a))).isEqualTo("scheduled-sync-" + a);
    assertThat(WorkflowIds.dataSourceSync(new PipelineId(a), "orders", new RunId(b)))
        .isEqualTo("datasource-sync-" + a + "-orders-" + b);
    assertThat(WorkflowIds.agentKit(new PipelineId(a), new RunId(b)))
        .isEqualTo("pipeline-" + a + "-" + b);
  }

  private static String queueOf(WorkflowType type) {
    return WorkflowCatalog.definition(type).taskQueue();
  }

  private static List<String> names(WorkflowType type) {
    return WorkflowCatalog.definition(type).steps().stream().map(StepDefinition::name).toList();
  }
}
