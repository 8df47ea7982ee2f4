package io.servicetsunami.core.workflow;

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
 * The seven workflows: queues, id patterns, steps with their start-to-close timeouts and retry
 * policy. These are the original system's values and its compatibility contract; a workflow engine
 * adapter reads them from here and adds only durability.
 */
public final class WorkflowCatalog {

  public static final String ORCHESTRATION_QUEUE = "servicetsunami-orchestration";
  public static final String DATABRICKS_QUEUE = "servicetsunami-databricks";

  /** Steps that wait must heartbeat at least this often, so a dead worker is noticed quickly. */
  public static final Duration WAITING_STEP_HEARTBEAT = ofSeconds(30);

  public static final WorkflowDefinition TASK_EXECUTION =
      new WorkflowDefinition(
          WorkflowType.TASK_EXECUTION,
          ORCHESTRATION_QUEUE,
          List.of("task-{task_id}"),
          List.of(
              traced("dispatch_task", 1, ofMinutes(2), StepType.DISPATCHED),
              traced("recall_memory", 2, ofMinutes(1), StepType.MEMORY_RECALL),
              traced("execute_task", 3, ofMinutes(10), StepType.EXECUTING),
              traced("persist_entities", 4, ofMinutes(5), StepType.ENTITY_PERSIST),
              traced("evaluate_task", 5, ofMinutes(2), StepType.COMPLETED)),
          List.of(
              step("approve_task", 3, ofMinutes(1)),
              traced("fail_task", 5, ofMinutes(1), StepType.FAILED)));

  public static final WorkflowDefinition OPENCLAW_PROVISION =
      new WorkflowDefinition(
          WorkflowType.OPENCLAW_PROVISION,
          ORCHESTRATION_QUEUE,
          List.of("provision-openclaw-{instance_id}", "upgrade-openclaw-{instance_id}-{timestamp}"),
          List.of(
              step("generate_openclaw_values", 1, ofMinutes(1)),
              step("helm_install_openclaw", 2, ofMinutes(7)),
              waiting("wait_pod_ready", 3, ofMinutes(6)),
              step("health_check_openclaw", 4, ofMinutes(2)),
              step("register_instance", 5, ofMinutes(1))),
          List.of(step("mark_instance_failed", 5, ofMinutes(1))));

  public static final WorkflowDefinition DATASET_SYNC =
      new WorkflowDefinition(
          WorkflowType.DATASET_SYNC,
          DATABRICKS_QUEUE,
          List.of("dataset-sync-{dataset_id}-{run_id}"),
          List.of(
              step("sync_to_bronze", 1, ofMinutes(5)),
              step("transform_to_silver", 2, ofMinutes(10)),
              step("update_dataset_metadata", 3, ofMinutes(1))),
          List.of(step("finish_run", 3, ofMinutes(1))));

  /**
   * The original gave these steps no timeouts of their own; extraction streams whole tables, so it
   * gets a long timeout and heartbeats instead.
   */
  public static final WorkflowDefinition DATASOURCE_SYNC =
      new WorkflowDefinition(
          WorkflowType.DATASOURCE_SYNC,
          DATABRICKS_QUEUE,
          List.of("datasource-sync-{pipeline_id}-{table}-{run_id}"),
          List.of(
              waiting("extract_from_connector", 1, ofMinutes(30)),
              step("load_to_bronze", 2, ofMinutes(10)),
              step("load_to_silver", 3, ofMinutes(10)),
              step("update_sync_metadata", 4, ofMinutes(1))),
          List.of());

  /**
   * One child DataSourceSyncWorkflow per table of the sync config, between opening and closing the
   * run.
   */
  public static final WorkflowDefinition SCHEDULED_SYNC =
      new WorkflowDefinition(
          WorkflowType.SCHEDULED_SYNC,
          DATABRICKS_QUEUE,
          List.of("scheduled-sync-{pipeline_id}"),
          List.of(),
          List.of(
              step("start_scheduled_run", 1, ofMinutes(1)), step("finish_run", 2, ofMinutes(1))));

  public static final WorkflowDefinition KNOWLEDGE_EXTRACTION =
      new WorkflowDefinition(
          WorkflowType.KNOWLEDGE_EXTRACTION,
          DATABRICKS_QUEUE,
          List.of("knowledge-extraction-{session_id}"),
          List.of(step("extract_knowledge_from_session", 1, ofMinutes(10))),
          List.of());

  public static final WorkflowDefinition AGENT_KIT_EXECUTION =
      new WorkflowDefinition(
          WorkflowType.AGENT_KIT_EXECUTION,
          DATABRICKS_QUEUE,
          List.of("pipeline-{pipeline_id}-{run_id}"),
          List.of(step("execute_agent_kit_activity", 1, ofMinutes(10))),
          List.of(step("finish_run", 1, ofMinutes(1))));

  private static final Map<WorkflowType, WorkflowDefinition> ALL =
      new EnumMap<>(WorkflowType.class);

  static {
    for (WorkflowDefinition definition :
        List.of(
            TASK_EXECUTION,
            OPENCLAW_PROVISION,
            DATASET_SYNC,
            DATASOURCE_SYNC,
            SCHEDULED_SYNC,
            KNOWLEDGE_EXTRACTION,
            AGENT_KIT_EXECUTION)) {
      ALL.put(definition.type(), definition);
    }
  }

  private WorkflowCatalog() {}

  public static WorkflowDefinition definition(WorkflowType type) {
    return ALL.get(type);
  }

  /** All seven definitions, by type. */
  public static Map<WorkflowType, WorkflowDefinition> all() {
    return Map.copyOf(ALL);
  }

  private static StepDefinition step(String name, int order, Duration timeout) {
    return new StepDefinition(
        name, order, timeout, Optional.empty(), RetryPolicy.DEFAULT, Optional.empty());
  }

  private static StepDefinition waiting(String name, int order, Duration timeout) {
    return new StepDefinition(
        name,
        order,
        timeout,
        Optional.of(WAITING_STEP_HEARTBEAT),
        RetryPolicy.DEFAULT,
        Optional.empty());
  }

  private static StepDefinition traced(String name, int order, Duration timeout, StepType type) {
    return new StepDefinition(
        name, order, timeout, Optional.empty(), RetryPolicy.DEFAULT, Optional.of(type));
  }
}
