package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;
import java.util.Optional;

/** Stores agent tasks, scoped by tenant. */
public interface AgentTaskRepository {

  /**
   * Stores a new task at revision 0.
   *
   * @throws ConflictException {@code already_exists} if the id is taken
   */
  AgentTask create(AgentTask task);

  /** The task, or empty if {@code tenant} has none with this id. */
  Optional<AgentTask> find(TenantId tenant, TaskId id);

  /** The tenant's tasks, optionally of one status, newest first. */
  List<AgentTask> list(TenantId tenant, Optional<TaskStatus> status, Page page);

  /**
   * Replaces the stored task if its stored revision equals {@code task.revision()}; returns the
   * stored value with the revision incremented. This guards status transitions: of two concurrent
   * updates from the same revision exactly one applies.
   *
   * @throws NotFoundException {@code task_not_found} if the tenant has no such task
   * @throws ConflictException {@code concurrent_modification} if the revision is stale
   */
  AgentTask update(AgentTask task);
}
