package io.servicetsunami.core.task;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.core.lifecycle.TaskStateMachine;
import io.servicetsunami.core.lifecycle.TransitionResult;
import io.servicetsunami.core.workflow.WorkflowIds;
import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.ApproveTaskUseCase;
import io.servicetsunami.ports.in.RejectTaskUseCase;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.WorkflowSignal;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.WorkflowEngine;

/**
 * A human's verdict on a task that waits for input. The task's workflow is the single writer of its
 * status, so this service only checks that the task is waiting and signals the workflow, which
 * resumes the task (approve) or fails it with the reason (reject), durably.
 */
public final class ReviewTaskService implements ApproveTaskUseCase, RejectTaskUseCase {

  /** The reason recorded for a rejection that gave none. */
  static final String NO_REASON = "rejected without a reason";

  private final AgentTaskRepository tasks;
  private final WorkflowEngine workflows;

  public ReviewTaskService(AgentTaskRepository tasks, WorkflowEngine workflows) {
    this.tasks = requireNonNull(tasks, "tasks is null");
    this.workflows = requireNonNull(workflows, "workflows is null");
  }

  @Override
  public AgentTask approve(Principal approver, TaskId id) {
    AgentTask task = waiting(approver, id, TaskStatus.EXECUTING, "approved");
    signal(task, new WorkflowSignal.Approve(approver.userId()));
    return task;
  }

  @Override
  public AgentTask reject(Principal approver, TaskId id, String reason) {
    AgentTask task = waiting(approver, id, TaskStatus.FAILED, "rejected");
    String why = reason == null || reason.isBlank() ? NO_REASON : reason.strip();
    signal(task, new WorkflowSignal.Reject(approver.userId(), why));
    return task;
  }

  private AgentTask waiting(Principal approver, TaskId id, TaskStatus next, String verdict) {
    requireNonNull(approver, "approver is null");
    requireNonNull(id, "id is null");
    AgentTask task =
        tasks
            .find(approver.tenantId(), id)
            .orElseThrow(() -> new NotFoundException(ErrorCode.TASK_NOT_FOUND, "task " + id));
    if (task.status() != TaskStatus.WAITING_INPUT) {
      // From a running state the move itself may be legal (thinking → failed); only a waiting
      // task has a result for a human to judge.
      String reason =
          TaskStateMachine.transition(task.status(), next)
                  instanceof TransitionResult.Rejected<TaskStatus> rejected
              ? rejected.reason()
              : "task is " + task.status().wire() + ", not waiting_input";
      throw new ConflictException(
          ErrorCode.INVALID_TRANSITION, "task " + id + " cannot be " + verdict + ": " + reason);
    }
    return task;
  }

  private void signal(AgentTask task, WorkflowSignal signal) {
    String workflowId = WorkflowIds.task(task.id());
    try {
      workflows.signal(workflowId, signal);
    } catch (NotFoundException e) {
      if (e.code() != ErrorCode.WORKFLOW_NOT_FOUND) {
        throw e;
      }
      // The task exists and waits, but nothing is left to resume it: a conflict of state, not a
      // missing task, so clients do not read it as "no such task".
      throw new ConflictException(
          ErrorCode.INVALID_TRANSITION,
          "task "
              + task.id()
              + " waits for input but its workflow "
              + workflowId
              + " is no longer running",
          e);
    }
  }
}
