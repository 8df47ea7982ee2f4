package io.servicetsunami.core.task;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.GetTaskTraceUseCase;
import io.servicetsunami.ports.in.GetTaskUseCase;
import io.servicetsunami.ports.in.ListTasksUseCase;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.ExecutionTraceRepository;
import io.servicetsunami.ports.out.Page;
import java.util.List;
import java.util.Optional;

/**
 * Reads a tenant's tasks and their execution timelines. Another tenant's task is reported exactly
 * like one that does not exist.
 */
public final class QueryTasksService
    implements ListTasksUseCase, GetTaskUseCase, GetTaskTraceUseCase {

  private final AgentTaskRepository tasks;
  private final ExecutionTraceRepository traces;

  public QueryTasksService(AgentTaskRepository tasks, ExecutionTraceRepository traces) {
    this.tasks = requireNonNull(tasks, "tasks is null");
    this.traces = requireNonNull(traces, "traces is null");
  }

  @Override
  public List<AgentTask> list(TenantId tenant, Optional<TaskStatus> status, Page page) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(status, "status is null");
    requireNonNull(page, "page is null");
    return tasks.list(tenant, status, page);
  }

  @Override
  public AgentTask get(TenantId tenant, TaskId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return tasks
        .find(tenant, id)
        .orElseThrow(() -> new NotFoundException(ErrorCode.TASK_NOT_FOUND, "task " + id));
  }

  @Override
  public List<ExecutionTrace> trace(TenantId tenant, TaskId id) {
    // An empty timeline must mean "not started yet", never "not yours".
    AgentTask task = get(tenant, id);
    return traces.listByTask(tenant, task.id());
  }
}
