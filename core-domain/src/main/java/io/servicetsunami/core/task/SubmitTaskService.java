package io.servicetsunami.core.task;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.core.agent.Capabilities;
import io.servicetsunami.core.lifecycle.TaskStateMachine;
import io.servicetsunami.core.workflow.WorkflowIds;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.in.SubmitTaskUseCase;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowRun;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.WorkflowEngine;
import java.time.Instant;
import java.util.Optional;

/**
 * Queues a task and starts its TaskExecutionWorkflow ({@code task-{id}}).
 *
 * <p>The objective and task type are trimmed and must not be blank; required capabilities are
 * trimmed and de-duplicated ignoring case, and must not be blank either. If the workflow cannot be
 * started the task would sit in {@code queued} forever, so it is marked failed with the reason and
 * the engine's error is rethrown.
 */
public final class SubmitTaskService implements SubmitTaskUseCase {

  private final AgentTaskRepository tasks;
  private final WorkflowEngine workflows;
  private final Clock clock;
  private final IdGenerator ids;

  public SubmitTaskService(
      AgentTaskRepository tasks, WorkflowEngine workflows, Clock clock, IdGenerator ids) {
    this.tasks = requireNonNull(tasks, "tasks is null");
    this.workflows = requireNonNull(workflows, "workflows is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.ids = requireNonNull(ids, "ids is null");
  }

  @Override
  public SubmittedTask submit(SubmitTaskCommand command) {
    requireNonNull(command, "command is null");
    if (command.objective().isBlank()) {
      throw new InvalidInputException(ErrorCode.INVALID_INPUT, "objective must not be blank");
    }
    if (command.taskType().isBlank()) {
      throw new InvalidInputException(ErrorCode.INVALID_INPUT, "task_type must not be blank");
    }
    TaskId id = command.taskId().orElseGet(() -> new TaskId(ids.newId()));
    Optional<AgentTask> earlier = tasks.find(command.tenantId(), id);
    if (earlier.isPresent()) {
      // A retried submit: the first one stored the task; make sure its workflow runs.
      return start(earlier.get());
    }
    AgentTask task =
        tasks.create(
            AgentTask.submitted(
                id,
                command.tenantId(),
                command.objective().strip(),
                command.taskType().strip(),
                command.priority(),
                Capabilities.normalize(command.requiredCapabilities(), "required_capabilities"),
                command.context(),
                command.requiresApproval(),
                clock.now()));
    return start(task);
  }

  private SubmittedTask start(AgentTask task) {
    String workflowId = WorkflowIds.task(task.id());
    WorkflowRun run;
    try {
      run =
          workflows.start(workflowId, new WorkflowInput.TaskExecution(task.tenantId(), task.id()));
    } catch (RuntimeException e) {
      markNotStarted(task, workflowId, e);
      throw e;
    }
    return new SubmittedTask(task, run.workflowId());
  }

  private void markNotStarted(AgentTask task, String workflowId, RuntimeException cause) {
    TaskStateMachine.transition(task.status(), TaskStatus.FAILED).orThrow();
    Instant now = clock.now();
    String reason = "could not start workflow " + workflowId + ": " + cause.getMessage();
    try {
      tasks.update(task.withError(reason, now).withStatus(TaskStatus.FAILED, now));
    } catch (RuntimeException e) {
      // The caller must learn why the start failed, not why the clean-up did.
      cause.addSuppressed(e);
    }
  }
}
