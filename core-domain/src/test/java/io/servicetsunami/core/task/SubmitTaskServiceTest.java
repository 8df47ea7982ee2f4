package io.servicetsunami.core.task;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.in.SubmitTaskUseCase.SubmitTaskCommand;
import io.servicetsunami.ports.in.SubmitTaskUseCase.SubmittedTask;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskPriority;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.testing.SequentialIdGenerator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubmitTaskServiceTest {

  private final TaskWorld world = new TaskWorld();
  private final SubmitTaskService service =
      new SubmitTaskService(world.tasks, world.workflows, world.clock, world.ids);

  private SubmitTaskCommand command(String objective, List<String> capabilities) {
    return new SubmitTaskCommand(
        world.tenant,
        objective,
        "research",
        TaskPriority.HIGH,
        capabilities,
        Map.of("source", "q3-report.pdf"),
        true);
  }

  @Test
  void storesAQueuedTaskAndStartsItsExecutionWorkflow() {
    SubmittedTask submitted =
        service.submit(command("Summarise the quarterly report", List.of("research")));

    TaskId id = new TaskId(SequentialIdGenerator.nth(1));
    AgentTask task = submitted.task();
    assertThat(task.id()).isEqualTo(id);
    assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(task.priority()).isEqualTo(TaskPriority.HIGH);
    assertThat(task.requiresApproval()).isTrue();
    assertThat(task.context()).containsEntry("source", "q3-report.pdf");
    assertThat(world.reload(task)).isEqualTo(task);
    assertThat(submitted.workflowId()).isEqualTo("task-" + id);
    assertThat(world.workflows.started(WorkflowType.TASK_EXECUTION)).hasSize(1);
    assertThat(world.workflows.inputOf("task-" + id))
        .isEqualTo(new WorkflowInput.TaskExecution(world.tenant, id));
  }

  @Test
  void submittingTheSameCallerChosenIdTwiceKeepsOneTaskAndOneWorkflow() {
    TaskId chosen = new TaskId(world.ids.idFor("agent-kit-task:run-1:0"));
    SubmitTaskCommand first = command("Summarise the quarterly report", List.of("research"));
    SubmitTaskCommand withId =
        new SubmitTaskCommand(
            first.tenantId(),
            first.objective(),
            first.taskType(),
            first.priority(),
            first.requiredCapabilities(),
            first.context(),
            first.requiresApproval(),
            java.util.Optional.of(chosen));

    SubmittedTask once = service.submit(withId);
    SubmittedTask again = service.submit(withId);

    assertThat(once.task().id()).isEqualTo(chosen);
    assertThat(again.task()).isEqualTo(once.task());
    assertThat(again.workflowId()).isEqualTo(once.workflowId());
    assertThat(world.workflows.started(WorkflowType.TASK_EXECUTION)).hasSize(1);
  }

  @Test
  void trimsTheObjectiveAndTrimsAndDeduplicatesCapabilities() {
    AgentTask task =
        service
            .submit(
                command("  Summarise the report  ", List.of(" research", "Research ", "summarize")))
            .task();

    assertThat(task.objective()).isEqualTo("Summarise the report");
    assertThat(task.requiredCapabilities()).containsExactly("research", "summarize");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n\t"})
  void rejectsABlankObjectiveAndStartsNothing(String objective) {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () -> service.submit(command(objective, List.of())));

    assertThat(world.tasks.all()).isEmpty();
    assertThat(world.workflows.started()).isEmpty();
  }

  @Test
  void rejectsABlankCapability() {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () -> service.submit(command("Summarise", Arrays.asList("research", " "))));

    assertThat(world.tasks.all()).isEmpty();
  }

  @Test
  void rejectsABlankTaskType() {
    SubmitTaskCommand blankType =
        new SubmitTaskCommand(
            world.tenant, "Summarise", " ", TaskPriority.NORMAL, List.of(), Map.of(), false);

    assertPortError(
        InvalidInputException.class, ErrorCode.INVALID_INPUT, () -> service.submit(blankType));
  }

  @Test
  void marksTheTaskFailedWithTheReasonWhenItsWorkflowCannotStart() {
    world.workflows.unavailable(true);

    assertPortError(
        TransientException.class,
        ErrorCode.WORKFLOW_ENGINE_UNAVAILABLE,
        () -> service.submit(command("Summarise the report", List.of())));

    List<AgentTask> stored = world.tasks.list(world.tenant, Optional.empty(), Page.first(10));
    assertThat(stored).hasSize(1);
    AgentTask task = stored.get(0);
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.error())
        .hasValueSatisfying(
            error ->
                assertThat(error)
                    .contains("could not start workflow task-" + task.id())
                    .contains("the workflow engine is unavailable"));
  }
}
