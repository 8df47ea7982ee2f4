package io.servicetsunami.core.task;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentRepository;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.Page;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Stores that stage a race: before an update goes through to the real (in-memory) store, a queued
 * action runs — typically another writer changing the same row — so the update meets a stale
 * revision exactly as it would in production. Not mocks: every call reaches the real fake.
 */
final class RacingStores {

  private RacingStores() {}

  /** Task store whose next updates are each preceded by one queued action. */
  static final class Tasks implements AgentTaskRepository {
    private final AgentTaskRepository store;
    private final Deque<Runnable> beforeUpdate = new ArrayDeque<>();

    Tasks(AgentTaskRepository store) {
      this.store = requireNonNull(store, "store is null");
    }

    Tasks beforeNextUpdate(Runnable action) {
      beforeUpdate.add(action);
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
      Runnable action = beforeUpdate.poll();
      if (action != null) {
        action.run();
      }
      return store.update(task);
    }
  }

  /** Agent store whose next updates are each preceded by one queued action. */
  static final class Agents implements AgentRepository {
    private final AgentRepository store;
    private final Deque<Runnable> beforeUpdate = new ArrayDeque<>();
    private int updates;

    Agents(AgentRepository store) {
      this.store = requireNonNull(store, "store is null");
    }

    Agents beforeNextUpdate(Runnable action) {
      beforeUpdate.add(action);
      return this;
    }

    /** How many updates were attempted through this store. */
    int updates() {
      return updates;
    }

    @Override
    public Agent create(Agent agent) {
      return store.create(agent);
    }

    @Override
    public Optional<Agent> find(TenantId tenant, AgentId id) {
      return store.find(tenant, id);
    }

    @Override
    public List<Agent> list(TenantId tenant) {
      return store.list(tenant);
    }

    @Override
    public Agent update(Agent agent) {
      updates++;
      Runnable action = beforeUpdate.poll();
      if (action != null) {
        action.run();
      }
      return store.update(agent);
    }

    @Override
    public boolean delete(TenantId tenant, AgentId id) {
      return store.delete(tenant, id);
    }
  }
}
