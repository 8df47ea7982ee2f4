package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link AgentTaskRepository} in memory, with optimistic revisions. */
public final class InMemoryAgentTaskRepository implements AgentTaskRepository {

  private final Map<TaskId, AgentTask> tasks = new LinkedHashMap<>();

  @Override
  public synchronized AgentTask create(AgentTask task) {
    requireNonNull(task, "task is null");
    if (tasks.containsKey(task.id())) {
      throw new ConflictException(ErrorCode.ALREADY_EXISTS, "task " + task.id() + " exists");
    }
    AgentTask stored = atRevision(task, 0);
    tasks.put(task.id(), stored);
    return stored;
  }

  @Override
  public synchronized Optional<AgentTask> find(TenantId tenant, TaskId id) {
    return Optional.ofNullable(tasks.get(id)).filter(t -> t.tenantId().equals(tenant));
  }

  @Override
  public synchronized List<AgentTask> list(
      TenantId tenant, Optional<TaskStatus> status, Page page) {
    requireNonNull(status, "status is null");
    requireNonNull(page, "page is null");
    // Later insertions win ties, as they would with a creation sequence.
    List<AgentTask> newestFirst = new ArrayList<>(tasks.values());
    Collections.reverse(newestFirst);
    newestFirst.sort(Comparator.comparing(AgentTask::createdAt).reversed());
    return Paging.window(
        newestFirst.stream()
            .filter(t -> t.tenantId().equals(tenant))
            .filter(t -> status.map(s -> t.status() == s).orElse(true))
            .toList(),
        page);
  }

  @Override
  public synchronized AgentTask update(AgentTask task) {
    requireNonNull(task, "task is null");
    AgentTask current =
        find(task.tenantId(), task.id())
            .orElseThrow(
                () -> new NotFoundException(ErrorCode.TASK_NOT_FOUND, "task " + task.id()));
    if (current.revision() != task.revision()) {
      throw new ConflictException(
          ErrorCode.CONCURRENT_MODIFICATION,
          "task " + task.id() + " is at revision " + current.revision());
    }
    AgentTask stored = atRevision(task, current.revision() + 1);
    tasks.put(task.id(), stored);
    return stored;
  }

  /** Every stored task of every tenant, in creation order. */
  public synchronized List<AgentTask> all() {
    return List.copyOf(tasks.values());
  }

  private static AgentTask atRevision(AgentTask t, long revision) {
    return new AgentTask(
        t.id(),
        t.tenantId(),
        t.objective(),
        t.taskType(),
        t.priority(),
        t.requiredCapabilities(),
        t.context(),
        t.requiresApproval(),
        t.status(),
        t.assignedAgentId(),
        t.output(),
        t.confidence(),
        t.error(),
        t.approvedBy(),
        revision,
        t.createdAt(),
        t.updatedAt(),
        t.startedAt(),
        t.completedAt());
  }
}
