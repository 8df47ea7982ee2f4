package io.servicetsunami.core.task;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.core.workflow.WorkflowIds;
import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.SubmitTaskUseCase.SubmitTaskCommand;
import io.servicetsunami.ports.in.TaskExecutionSteps.Executed;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskPriority;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.WorkflowSignal;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewTaskServiceTest {

  private final TaskWorld world = new TaskWorld();
  private final TenantId tenant = world.tenant;
  private final SubmitTaskService submit =
      new SubmitTaskService(world.tasks, world.workflows, world.clock, world.ids);
  private final ReviewTaskService review = new ReviewTaskService(world.tasks, world.workflows);
  private final TaskExecutionStepsService steps = world.steps();
  private final Principal reviewer = Fixtures.principal(tenant);

  /** Submits a task requiring approval and runs the workflow's steps up to its wait. */
  private TaskId waitingTask() {
    world.agent("Alpha", List.of("research"));
    TaskId id =
        submit
            .submit(
                new SubmitTaskCommand(
                    tenant,
                    "Draft the press release about Acme",
                    "research",
                    TaskPriority.NORMAL,
                    List.of("research"),
                    Map.of(),
                    true))
            .task()
            .id();
    steps.dispatch(tenant, id);
    List<MemoryId> memories = steps.recallMemory(tenant, id);
    Executed executed = steps.execute(tenant, id, memories);
    assertThat(executed.awaitingApproval()).isTrue();
    return id;
  }

  @Test
  void approvalPathRunsFromWaitingInputThroughExecutingToCompleted() {
    TaskId id = waitingTask();
    assertThat(world.tasks.find(tenant, id).orElseThrow().status())
        .isEqualTo(TaskStatus.WAITING_INPUT);

    AgentTask approved = review.approve(reviewer, id);

    // The workflow is the single writer: approving only signals it.
    assertThat(approved.status()).isEqualTo(TaskStatus.WAITING_INPUT);
    assertThat(world.workflows.signals(WorkflowIds.task(id)))
        .containsExactly(new WorkflowSignal.Approve(reviewer.userId()));

    // What the workflow does on that signal:
    steps.approved(tenant, id, reviewer.userId());
    assertThat(world.tasks.find(tenant, id).orElseThrow().status()).isEqualTo(TaskStatus.EXECUTING);
    steps.persistEntities(tenant, id);
    double score = steps.evaluate(tenant, id);

    AgentTask done = world.tasks.find(tenant, id).orElseThrow();
    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.approvedBy()).contains(reviewer.userId());
    assertThat(done.confidence()).contains(score);
    assertThat(world.traces.listByTask(tenant, id))
        .extracting(ExecutionTrace::stepType)
        .containsExactly(
            StepType.DISPATCHED,
            StepType.MEMORY_RECALL,
            StepType.EXECUTING,
            StepType.ENTITY_PERSIST,
            StepType.COMPLETED);
  }

  @Test
  void rejectionSignalsTheReasonAndTheWorkflowFailsTheTaskWithIt() {
    TaskId id = waitingTask();

    AgentTask rejected = review.reject(reviewer, id, "  Wrong tone  ");

    assertThat(rejected.status()).isEqualTo(TaskStatus.WAITING_INPUT);
    assertThat(world.workflows.signals(WorkflowIds.task(id)))
        .containsExactly(new WorkflowSignal.Reject(reviewer.userId(), "Wrong tone"));

    steps.fail(tenant, id, 3, "rejected by reviewer: Wrong tone");
    AgentTask failed = world.tasks.find(tenant, id).orElseThrow();
    assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(failed.error()).contains("rejected by reviewer: Wrong tone");
  }

  @Test
  void aRejectionWithoutReasonSaysSo() {
    TaskId id = waitingTask();

    review.reject(reviewer, id, " ");

    assertThat(world.workflows.signals(WorkflowIds.task(id)))
        .containsExactly(new WorkflowSignal.Reject(reviewer.userId(), ReviewTaskService.NO_REASON));
  }

  @Test
  void approvingOrRejectingATaskThatIsNotWaitingIsAConflictAndSignalsNothing() {
    world.agent("Alpha", List.of("research"));
    TaskId id =
        submit
            .submit(
                new SubmitTaskCommand(
                    tenant,
                    "Summarise",
                    "research",
                    TaskPriority.NORMAL,
                    List.of(),
                    Map.of(),
                    true))
            .task()
            .id();

    ConflictException approveError =
        assertPortError(
            ConflictException.class,
            ErrorCode.INVALID_TRANSITION,
            () -> review.approve(reviewer, id));
    steps.dispatch(tenant, id);
    ConflictException rejectError =
        assertPortError(
            ConflictException.class,
            ErrorCode.INVALID_TRANSITION,
            () -> review.reject(reviewer, id, "no"));

    assertThat(approveError).hasMessageContaining("a task cannot move from queued to executing");
    assertThat(rejectError).hasMessageContaining("task is thinking, not waiting_input");
    assertThat(world.workflows.signals(WorkflowIds.task(id))).isEmpty();
  }

  @Test
  void approvingACompletedTaskGivesTheStateMachinesReason() {
    world.agent("Alpha", List.of("research"));
    AgentTask task = world.task(List.of("research"));
    steps.dispatch(tenant, task.id());
    steps.execute(tenant, task.id(), List.of());
    steps.persistEntities(tenant, task.id());
    steps.evaluate(tenant, task.id());

    ConflictException error =
        assertPortError(
            ConflictException.class,
            ErrorCode.INVALID_TRANSITION,
            () -> review.approve(reviewer, task.id()));

    assertThat(error).hasMessageContaining("task is completed and can no longer change");
  }

  @Test
  void anotherTenantCannotApproveOrRejectTheTask() {
    TaskId id = waitingTask();
    Principal stranger = Fixtures.principal(world.newTenant());

    assertPortError(
        NotFoundException.class, ErrorCode.TASK_NOT_FOUND, () -> review.approve(stranger, id));
    assertPortError(
        NotFoundException.class,
        ErrorCode.TASK_NOT_FOUND,
        () -> review.reject(stranger, id, "mine now"));
    assertThat(world.workflows.signals(WorkflowIds.task(id))).isEmpty();
  }

  @Test
  void approvingAWaitingTaskWhoseWorkflowIsGoneIsAConflictNotANotFound() {
    TaskId id = waitingTask();
    world.workflows.fail(WorkflowIds.task(id), "worker crashed for good");

    assertPortError(
        ConflictException.class, ErrorCode.INVALID_TRANSITION, () -> review.approve(reviewer, id));
  }
}
