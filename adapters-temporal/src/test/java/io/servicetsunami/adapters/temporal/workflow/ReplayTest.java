package io.servicetsunami.adapters.temporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.model.WorkflowDefinition;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.testing.InMemoryWorkflowEngine;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the committed histories (src/test/resources/histories, recorded by {@link
 * HistoryRecorderTest}) against today's workflow code: a change that would make running workflows
 * take another path fails the build with a NonDeterministicException.
 */
class ReplayTest {

  static final Path HISTORIES = Path.of("src", "test", "resources", "histories");

  private static TestWorkflowEnvironment env;
  private static final Map<String, Worker> WORKERS = new HashMap<>();
  private static final ScheduledExecutorService HEARTBEATS =
      Executors.newSingleThreadScheduledExecutor();

  @BeforeAll
  static void registerWorkflows() {
    env = TestWorkflowEnvironment.newInstance();
    StepLog log = new StepLog();
    Map<WorkflowType, WorkflowDefinition> definitions = TestDefinitions.all();
    Registrations.register(
        queue -> WORKERS.computeIfAbsent(queue, env::newWorker),
        definitions,
        Registrations.queues(definitions),
        new Registrations.StepServices(
            Optional.of(new ScriptedTaskSteps(log)),
            Optional.of(new ScriptedProvisionSteps(log)),
            Optional.of(new ScriptedDataSyncSteps(log))),
        new InMemoryWorkflowEngine(),
        HEARTBEATS);
  }

  @AfterAll
  static void close() {
    env.close();
    HEARTBEATS.shutdownNow();
  }

  static Stream<Path> histories() throws IOException {
    try (Stream<Path> files = Files.list(HISTORIES)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @Test
  void everyWorkflowHasACommittedHistory() throws IOException {
    List<String> types =
        histories().map(ReplayTest::read).map(ReplayTest::typeOf).distinct().toList();

    assertThat(types)
        .containsAll(Stream.of(WorkflowType.values()).map(WorkflowType::typeName).toList())
        .contains("ServiceTsunamiScheduleLoop");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void replaysDeterministically(Path history) throws Exception {
    WorkflowExecutionHistory recorded = read(history);

    WorkflowReplayer.replayWorkflowExecution(recorded, WORKERS.get(queueOf(recorded)));
  }

  @Test
  void aWorkflowThatTakesAnotherPathFailsReplay() {
    TestWorkflowEnvironment other = TestWorkflowEnvironment.newInstance();
    try {
      Worker worker = other.newWorker(TestDefinitions.ORCHESTRATION);
      worker.registerWorkflowImplementationFactory(TaskExecutionWorkflow.class, SkipsRecall::new);
      worker.registerActivitiesImplementations(
          new TaskExecutionActivitiesImpl(new ScriptedTaskSteps(new StepLog())));
      WorkflowExecutionHistory recorded = read(HISTORIES.resolve("task_execution_completed.json"));

      assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(recorded, worker))
          .hasMessageContaining("NonDeterministicException");
    } finally {
      other.close();
    }
  }

  /** The task workflow as someone might "simplify" it: recall_memory dropped, no versioning. */
  static final class SkipsRecall implements TaskExecutionWorkflow {
    private final TaskExecutionActivities activities =
        StepOptions.stub(
            TaskExecutionActivities.class, TestDefinitions.all().get(WorkflowType.TASK_EXECUTION));

    @Override
    public TaskOutcomePayload execute(TaskExecutionPayload input) {
      activities.dispatchTask(input.tenantId(), input.taskId());
      activities.executeTask(input.tenantId(), input.taskId(), List.of());
      activities.persistEntities(input.tenantId(), input.taskId());
      double score = activities.evaluateTask(input.tenantId(), input.taskId());
      Workflow.getLogger(SkipsRecall.class).info("done");
      return new TaskOutcomePayload("completed", score, null);
    }

    @Override
    public void approve(ApprovePayload approval) {}

    @Override
    public void reject(RejectPayload rejection) {}

    @Override
    public String currentStep() {
      return "";
    }
  }

  private static WorkflowExecutionHistory read(Path file) {
    try {
      return WorkflowExecutionHistory.fromJson(Files.readString(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String typeOf(WorkflowExecutionHistory history) {
    return history
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getWorkflowType()
        .getName();
  }

  private static String queueOf(WorkflowExecutionHistory history) {
    return history
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getTaskQueue()
        .getName();
  }
}
