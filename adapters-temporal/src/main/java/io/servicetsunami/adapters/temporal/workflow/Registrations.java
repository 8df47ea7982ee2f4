package io.servicetsunami.adapters.temporal.workflow;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.in.DataSyncSteps;
import io.servicetsunami.ports.in.ProvisionInstanceSteps;
import io.servicetsunami.ports.in.TaskExecutionSteps;
import io.servicetsunami.ports.model.StepDefinition;
import io.servicetsunami.ports.model.WorkflowDefinition;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.WorkflowEngine;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Registers the workflows and activities of the definitions handed in on one worker per queue.
 * Workflow implementations are created through factories that pass each its definition, so step
 * order, timeouts, retry policies, heartbeat timeouts, queues and child id patterns come from the
 * definitions and nowhere else.
 */
public final class Registrations {

  /** What each workflow calls, in order, and which auxiliary steps it needs. */
  private record Shape(List<String> steps, List<String> auxiliary) {}

  private static final Map<WorkflowType, Shape> SHAPES = new EnumMap<>(WorkflowType.class);

  static {
    SHAPES.put(
        WorkflowType.TASK_EXECUTION,
        new Shape(TaskExecutionWorkflowImpl.STEPS, TaskExecutionWorkflowImpl.AUXILIARY));
    SHAPES.put(
        WorkflowType.OPENCLAW_PROVISION,
        new Shape(OpenClawProvisionWorkflowImpl.STEPS, OpenClawProvisionWorkflowImpl.AUXILIARY));
    SHAPES.put(
        WorkflowType.DATASET_SYNC,
        new Shape(DatasetSyncWorkflowImpl.STEPS, DatasetSyncWorkflowImpl.AUXILIARY));
    SHAPES.put(
        WorkflowType.DATASOURCE_SYNC,
        new Shape(DataSourceSyncWorkflowImpl.STEPS, DataSourceSyncWorkflowImpl.AUXILIARY));
    SHAPES.put(
        WorkflowType.SCHEDULED_SYNC,
        new Shape(ScheduledSyncWorkflowImpl.STEPS, ScheduledSyncWorkflowImpl.AUXILIARY));
    SHAPES.put(
        WorkflowType.KNOWLEDGE_EXTRACTION,
        new Shape(
            KnowledgeExtractionWorkflowImpl.STEPS, KnowledgeExtractionWorkflowImpl.AUXILIARY));
    SHAPES.put(
        WorkflowType.AGENT_KIT_EXECUTION,
        new Shape(AgentKitExecutionWorkflowImpl.STEPS, AgentKitExecutionWorkflowImpl.AUXILIARY));
  }

  /** The step services behind the activities; a queue needs those of the workflows it hosts. */
  public record StepServices(
      Optional<TaskExecutionSteps> taskExecution,
      Optional<ProvisionInstanceSteps> provision,
      Optional<DataSyncSteps> dataSync) {
    public StepServices {
      requireNonNull(taskExecution, "taskExecution is null");
      requireNonNull(provision, "provision is null");
      requireNonNull(dataSync, "dataSync is null");
    }
  }

  private Registrations() {}

  /**
   * Checks that the definitions describe the seven workflows this adapter runs: every type present,
   * the main steps in the order the workflow calls them, the auxiliary steps it needs.
   *
   * @throws IllegalArgumentException naming what does not match
   */
  public static void requireSupported(Map<WorkflowType, WorkflowDefinition> definitions) {
    List<String> problems = new ArrayList<>();
    for (WorkflowType type : WorkflowType.values()) {
      WorkflowDefinition definition = definitions.get(type);
      if (definition == null) {
        problems.add(type.typeName() + ": no definition");
        continue;
      }
      if (definition.type() != type) {
        problems.add(type.typeName() + ": definition is of " + definition.type());
      }
      Shape shape = SHAPES.get(type);
      List<String> steps = definition.steps().stream().map(StepDefinition::name).toList();
      if (!steps.equals(shape.steps())) {
        problems.add(type.typeName() + ": steps " + steps + ", the workflow runs " + shape.steps());
      }
      List<String> auxiliary =
          definition.auxiliarySteps().stream().map(StepDefinition::name).toList();
      if (!auxiliary.containsAll(shape.auxiliary())) {
        problems.add(
            type.typeName()
                + ": auxiliary steps "
                + auxiliary
                + " lack some of "
                + shape.auxiliary());
      }
    }
    if (definitions.get(WorkflowType.DATASOURCE_SYNC) != null
        && definitions.get(WorkflowType.DATASOURCE_SYNC).idPatterns().stream()
            .noneMatch(
                p ->
                    p.contains("{pipeline_id}")
                        && p.contains("{table}")
                        && p.contains("{run_id}"))) {
      problems.add("DataSourceSyncWorkflow: id pattern lacks {pipeline_id}, {table} or {run_id}");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("unsupported workflow definitions: " + problems);
    }
  }

  /** The queues the definitions name, in type order. */
  public static Set<String> queues(Map<WorkflowType, WorkflowDefinition> definitions) {
    Set<String> queues = new java.util.LinkedHashSet<>();
    for (WorkflowType type : WorkflowType.values()) {
      queues.add(definitions.get(type).taskQueue());
    }
    return queues;
  }

  /**
   * Registers, on {@code workerFor.apply(queue)} for each of {@code queues}, every workflow whose
   * definition names that queue, the activities those workflows call, and the schedule workflows
   * (which run on their target's queue).
   *
   * @param engine starts a schedule's target; its start is idempotent per running id
   * @param heartbeats beats for waiting steps whose port offers no progress callback
   * @throws IllegalStateException if a queue hosts a workflow whose step service is missing
   */
  public static void register(
      Function<String, Worker> workerFor,
      Map<WorkflowType, WorkflowDefinition> definitions,
      Collection<String> queues,
      StepServices steps,
      WorkflowEngine engine,
      ScheduledExecutorService heartbeats) {
    requireSupported(definitions);
    for (String queue : queues) {
      Worker worker = workerFor.apply(queue);
      List<Object> activities = new ArrayList<>();
      boolean dataActivities = false;
      for (WorkflowType type : WorkflowType.values()) {
        WorkflowDefinition definition = definitions.get(type);
        if (!definition.taskQueue().equals(queue)) {
          continue;
        }
        switch (type) {
          case TASK_EXECUTION -> {
            worker.registerWorkflowImplementationFactory(
                TaskExecutionWorkflow.class, () -> new TaskExecutionWorkflowImpl(definition));
            activities.add(
                new TaskExecutionActivitiesImpl(require(steps.taskExecution(), queue, type)));
          }
          case OPENCLAW_PROVISION -> {
            worker.registerWorkflowImplementationFactory(
                OpenClawProvisionWorkflow.class,
                () -> new OpenClawProvisionWorkflowImpl(definition));
            activities.add(new ProvisionActivitiesImpl(require(steps.provision(), queue, type)));
          }
          case DATASET_SYNC ->
              worker.registerWorkflowImplementationFactory(
                  DatasetSyncWorkflow.class, () -> new DatasetSyncWorkflowImpl(definition));
          case DATASOURCE_SYNC ->
              worker.registerWorkflowImplementationFactory(
                  DataSourceSyncWorkflow.class, () -> new DataSourceSyncWorkflowImpl(definition));
          case SCHEDULED_SYNC -> {
            WorkflowDefinition child = definitions.get(WorkflowType.DATASOURCE_SYNC);
            worker.registerWorkflowImplementationFactory(
                ScheduledSyncWorkflow.class,
                () -> new ScheduledSyncWorkflowImpl(definition, child));
          }
          case KNOWLEDGE_EXTRACTION ->
              worker.registerWorkflowImplementationFactory(
                  KnowledgeExtractionWorkflow.class,
                  () -> new KnowledgeExtractionWorkflowImpl(definition));
          case AGENT_KIT_EXECUTION ->
              worker.registerWorkflowImplementationFactory(
                  AgentKitExecutionWorkflow.class,
                  () -> new AgentKitExecutionWorkflowImpl(definition));
        }
        if (isDataType(type) && !dataActivities) {
          activities.add(
              new DataSyncActivitiesImpl(require(steps.dataSync(), queue, type), heartbeats));
          dataActivities = true;
        }
      }
      worker.registerWorkflowImplementationFactory(
          ScheduleLoopWorkflow.class, ScheduleLoopWorkflowImpl::new);
      worker.registerWorkflowImplementationFactory(
          ScheduledStartWorkflow.class, ScheduledStartWorkflowImpl::new);
      activities.add(new SchedulingActivitiesImpl(engine));
      worker.registerActivitiesImplementations(activities.toArray());
    }
  }

  private static boolean isDataType(WorkflowType type) {
    return type != WorkflowType.TASK_EXECUTION && type != WorkflowType.OPENCLAW_PROVISION;
  }

  private static <T> T require(Optional<T> steps, String queue, WorkflowType type) {
    return steps.orElseThrow(
        () ->
            new IllegalStateException(
                "queue "
                    + queue
                    + " hosts "
                    + type.typeName()
                    + " but its step service is missing"));
  }
}
