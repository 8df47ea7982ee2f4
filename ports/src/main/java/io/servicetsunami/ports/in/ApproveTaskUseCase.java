package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.TaskId;

/**
 * A human approves a task waiting for input. The approval is delivered durably to the task's
 * workflow, which resumes the task; the returned task is as it was when the approval was sent.
 */
public interface ApproveTaskUseCase {

  /**
   * @throws NotFoundException {@code task_not_found}
   * @throws ConflictException {@code invalid_transition} if the task is not {@code waiting_input}
   */
  AgentTask approve(Principal approver, TaskId id);
}
