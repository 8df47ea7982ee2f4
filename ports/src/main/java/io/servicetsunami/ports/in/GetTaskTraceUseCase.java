package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;

/** The execution timeline of a task. */
public interface GetTaskTraceUseCase {

  /**
   * The task's traces by step order.
   *
   * @throws NotFoundException {@code task_not_found}
   */
  List<ExecutionTrace> trace(TenantId tenant, TaskId id);
}
