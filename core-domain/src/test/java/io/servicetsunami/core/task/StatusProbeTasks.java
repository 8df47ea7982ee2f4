package io.servicetsunami.core.task;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A task store that shows a test the world at the moment an update is about to move a task to a
 * status, and can make that update fail once, as a worker that dies between two writes would. Not a
 * mock: every call that is not failed reaches the real (in-memory) store.
 */
final class StatusProbeTasks implements AgentTaskRepository {

  private final AgentTaskRepository store;
  private final List<Probe> probes = new ArrayList<>();
  private TaskStatus failOnce;
  private PortException failure;

  private record Probe(TaskStatus status, Consumer<AgentTask> action) {}

  StatusProbeTasks(AgentTaskRepository store) {
    this.store = requireNonNull(store, "store is null");
  }

  /** Runs {@code probe} with the update just before any update moves a task to {@code status}. */
  StatusProbeTasks beforeMovingTo(TaskStatus status, Consumer<AgentTask> probe) {
    probes.add(new Probe(requireNonNull(status, "status is null"), probe));
    return this;
  }

  /** The next update that moves a task to {@code status} throws {@code failure} unstored. */
  StatusProbeTasks failOnceMovingTo(TaskStatus status, PortException failure) {
    this.failOnce = requireNonNull(status, "status is null");
    this.failure = requireNonNull(failure, "failure is null");
    return this;
  }

  @Override
  public AgentTask create(AgentTask task) {
    return store.create(task);
  }

  @Override
  public Optional<AgentTask> find(TenantId tenant, TaskId id) {
    return store.find(tenant, id);
  }

  @Override
  public List<AgentTask> list(TenantId tenant, Optional<TaskStatus> status, Page page) {
    return store.list(tenant, status, page);
  }

  @Override
  public AgentTask update(AgentTask task) {
    boolean moves =
        store
            .find(task.tenantId(), task.id())
            .map(stored -> stored.status() != task.status())
            .orElse(false);
    if (moves) {
      for (Probe probe : probes) {
        if (probe.status() == task.status()) {
          probe.action().accept(task);
        }
      }
      if (failOnce == task.status()) {
        PortException thrown = failure;
        failOnce = null;
        failure = null;
        throw thrown;
      }
    }
    return store.update(task);
  }
}
