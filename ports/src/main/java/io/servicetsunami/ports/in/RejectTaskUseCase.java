package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.TaskId;

/** A human rejects a task waiting for input; its workflow fails the task with the reason. */
public interface RejectTaskUseCase {

  /**
   * @throws NotFoundException {@code task_not_found}
   * @throws ConflictException {@code invalid_transition} if the task is not {@code waiting_input}
   */
  AgentTask reject(Principal approver, TaskId id, String reason);
}
