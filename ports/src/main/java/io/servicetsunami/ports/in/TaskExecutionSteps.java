package io.servicetsunami.ports.in;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.UserId;
import java.util.List;

/**
 * The steps of TaskExecutionWorkflow, each called by one activity. Every step is idempotent: a
 * retried step finds its own earlier effects (status already moved, trace already written) and
 * completes them instead of repeating them. Each step writes its execution trace.
 */
public interface TaskExecutionSteps {

  /**
   * @param reason why this agent was chosen, as recorded in the trace
   */
  record Dispatched(AgentId agentId, String reason) {
    public Dispatched {
      requireNonNull(agentId, "agentId is null");
      requireNonNull(reason, "reason is null");
    }
  }

  /**
   * @param awaitingApproval true when the task now waits in {@code waiting_input} for a human
   */
  record Executed(boolean awaitingApproval) {}

  /**
   * Step 1, {@code dispatch_task}: picks the agent whose capabilities cover the task's required
   * ones best, assigns it, and moves the task {@code queued → thinking}.
   *
   * @throws NotFoundException {@code task_not_found}
   * @throws ConflictException {@code no_agent_available} if no agent of the tenant qualifies
   */
  Dispatched dispatch(TenantId tenant, TaskId task);

  /**
   * Step 2, {@code recall_memory}: the assigned agent's memories of importance ≥ 0.3, at most 5,
   * most relevant first.
   */
  List<MemoryId> recallMemory(TenantId tenant, TaskId task);

  /**
   * Step 3, {@code execute_task}: runs the task on the agent runtime with the recalled memories,
   * moving it {@code thinking → executing} and storing the output; a task that requires approval
   * then moves to {@code waiting_input}.
   *
   * @throws PermanentException {@code no_agent_runtime} if the runtime chosen for the task is not
   *     configured, {@code runtime_failed} if the runtime rejects the task
   */
  Executed execute(TenantId tenant, TaskId task, List<MemoryId> memories);

  /**
   * Resumes a task after a human approved it: {@code waiting_input → executing}, approver recorded.
   */
  void approved(TenantId tenant, TaskId task, UserId approver);

  /**
   * Step 4, {@code persist_entities}: extracts entities from the output into the knowledge graph.
   */
  int persistEntities(TenantId tenant, TaskId task);

  /**
   * Step 5, {@code evaluate_task}: scores the result, stores a memory of it, updates the agent's
   * skill statistics and completes the task. Returns the score in [0, 1].
   */
  double evaluate(TenantId tenant, TaskId task);

  /**
   * Fails the task with a reason (a step failed for good, a human rejected it, or the approval
   * expired) and writes a {@code failed} trace at the order of the step that failed. Idempotent;
   * no-op on a task already terminal.
   *
   * @param failedStep 1–5, the step that failed (3 for a rejected or expired approval)
   */
  void fail(TenantId tenant, TaskId task, int failedStep, String reason);
}
