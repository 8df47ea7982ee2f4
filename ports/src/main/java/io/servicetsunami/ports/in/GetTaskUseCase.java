package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;

/** One task of the tenant. */
public interface GetTaskUseCase {

  /**
   * @throws NotFoundException {@code task_not_found}
   */
  AgentTask get(TenantId tenant, TaskId id);
}
