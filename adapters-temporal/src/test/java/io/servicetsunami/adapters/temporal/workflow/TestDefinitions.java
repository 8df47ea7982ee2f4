package io.servicetsunami.adapters.temporal.workflow;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import io.servicetsunami.ports.model.RetryPolicy;
import io.servicetsunami.ports.model.StepDefinition;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.WorkflowDefinition;
import io.servicetsunami.ports.model.WorkflowType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seven definitions with the values of the core's {@code WorkflowCatalog} (this module may not
 * depend on the core, so they are repeated here; the app's {@code WorkflowCatalogFitsTemporalTest}
 * checks the real catalog against the adapter).
 */
public final class TestDefinitions {

  public static final String ORCHESTRATION = "servicetsunami-orchestration";
  public static final String DATABRICKS = "servicetsunami-databricks";
  static final Duration HEARTBEAT = ofSeconds(30);

  private TestDefinitions() {}

  public static Map<WorkflowType, WorkflowDefinition> all() {
    Map<WorkflowType, WorkflowDefinition> all = new EnumMap<>(WorkflowType.class);
    for (WorkflowDefinition definition :
        List.of(
            new WorkflowDefinition(
                WorkflowType.TASK_EXECUTION,
                ORCHESTRATION,
                List.of("task-{task_id}"),
                List.of(
                    traced("dispatch_task", 1, ofMinutes(2), StepType.DISPATCHED),
                    traced("recall_memory", 2, ofMinutes(1), StepType.MEMORY_RECALL),
                    traced("execute_task", 3, ofMinutes(10), StepType.EXECUTING),
                    traced("persist_entities", 4, ofMinutes(5), StepType.ENTITY_PERSIST),
                    traced("evaluate_task", 5, ofMinutes(2), StepType.COMPLETED)),
                List.of(
                    step("approve_task", 3, ofMinutes(1)),
                    traced("fail_task", 5, ofMinutes(1), StepType.FAILED))),
            new WorkflowDefinition(
                WorkflowType.OPENCLAW_PROVISION,
                ORCHESTRATION,
                List.of(
                    "provision-openclaw-{instance_id}",
                    "upgrade-openclaw-{instance_id}-{timestamp}"),
                List.of(
                    step("generate_openclaw_values", 1, ofMinutes(1)),
                    step("helm_install_openclaw", 2, ofMinutes(7)),
                    waiting("wait_pod_ready", 3, ofMinutes(6)),
                    step("health_check_openclaw", 4, ofMinutes(2)),
                    step("register_instance", 5, ofMinutes(1))),
                List.of(step("mark_instance_failed", 5, ofMinutes(1)))),
            new WorkflowDefinition(
                WorkflowType.DATASET_SYNC,
                DATABRICKS,
                List.of("dataset-sync-{dataset_id}-{run_id}"),
                List.of(
                    step("sync_to_bronze", 1, ofMinutes(5)),
                    step("transform_to_silver", 2, ofMinutes(10)),
                    step("update_dataset_metadata", 3, ofMinutes(1))),
                List.of(step("finish_run", 3, ofMinutes(1)))),
            new WorkflowDefinition(
                WorkflowType.DATASOURCE_SYNC,
                DATABRICKS,
                List.of("datasource-sync-{pipeline_id}-{table}-{run_id}"),
                List.of(
                    waiting("extract_from_connector", 1, ofMinutes(30)),
                    step("load_to_bronze", 2, ofMinutes(10)),
                    step("load_to_silver", 3, ofMinutes(10)),
                    step("update_sync_metadata", 4, ofMinutes(1))),
                List.of()),
            new WorkflowDefinition(
                WorkflowType.SCHEDULED_SYNC,
                DATABRICKS,
                List.of("scheduled-sync-{pipeline_id}"),
                List.of(),
                List.of(
                    step("start_scheduled_run", 1, ofMinutes(1)),
                    step("finish_run", 2, ofMinutes(1)))),
            new WorkflowDefinition(
                WorkflowType.KNOWLEDGE_EXTRACTION,
                DATABRICKS,
                List.of("knowledge-extraction-{session_id}"),
                List.of(step("extract_knowledge_from_session", 1, ofMinutes(10))),
                List.of()),
            new WorkflowDefinition(
                WorkflowType.AGENT_KIT_EXECUTION,
                DATABRICKS,
                List.of("pipeline-{pipeline_id}-{run_id}"),
                List.of(step("execute_agent_kit_activity", 1, ofMinutes(10))),
                List.of(step("finish_run", 1, ofMinutes(1)))))) {
      all.put(definition.type(), definition);
    }
    return Map.copyOf(all);
  }

  /**
   * The definitions with every step of {@code type} given a shorter timeout and retry interval: for
   * tests on the embedded server, whose timers run on the real clock.
   */
  public static Map<WorkflowType, WorkflowDefinition> withFastSteps(
      WorkflowType type, Duration startToClose, Duration initialRetryInterval) {
    Map<WorkflowType, WorkflowDefinition> all = new EnumMap<>(all());
    WorkflowDefinition d = all.get(type);
    RetryPolicy retry =
        new RetryPolicy(3, initialRetryInterval, 2.0, initialRetryInterval.multipliedBy(4));
    all.put(
        type,
        new WorkflowDefinition(
            d.type(),
            d.taskQueue(),
            d.idPatterns(),
            d.steps().stream().map(s -> faster(s, startToClose, retry)).toList(),
            d.auxiliarySteps().stream().map(s -> faster(s, startToClose, retry)).toList()));
    return Map.copyOf(all);
  }

  private static StepDefinition faster(StepDefinition s, Duration timeout, RetryPolicy retry) {
    return new StepDefinition(
        s.name(), s.order(), timeout, s.heartbeatTimeout(), retry, s.traceStep());
  }

  private static StepDefinition step(String name, int order, Duration timeout) {
    return new StepDefinition(
        name, order, timeout, Optional.empty(), RetryPolicy.DEFAULT, Optional.empty());
  }

  private static StepDefinition waiting(String name, int order, Duration timeout) {
    return new StepDefinition(
        name, order, timeout, Optional.of(HEARTBEAT), RetryPolicy.DEFAULT, Optional.empty());
  }

  private static StepDefinition traced(String name, int order, Duration timeout, StepType type) {
    return new StepDefinition(
        name, order, timeout, Optional.empty(), RetryPolicy.DEFAULT, Optional.of(type));
  }
}
