package io.servicetsunami.ports.contract;

import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.testing.Fixtures;

/**
 * The rows a contract's subject refers to. Contracts never invent a tenant, agent, task or pipeline
 * id themselves: they ask these hooks, so that a store enforcing foreign keys can insert the row
 * first.
 *
 * <p>The defaults only make fresh ids, which is right for stores without foreign keys (the
 * in-memory fakes). A database adapter overrides each hook it needs to insert the row — e.g. {@code
 * newTenant()} inserts a tenant, {@code newTask(tenant)} inserts a task of that tenant — and
 * returns its id.
 */
public interface Prerequisites {

  /** A tenant that exists. Every call returns a different one. */
  default TenantId newTenant() {
    return Fixtures.tenantId();
  }

  /** An agent of {@code tenant} that exists. */
  default AgentId newAgent(TenantId tenant) {
    return Fixtures.agentId();
  }

  /** A task of {@code tenant} that exists. */
  default TaskId newTask(TenantId tenant) {
    return Fixtures.taskId();
  }

  /** A pipeline of {@code tenant} that exists. */
  default PipelineId newPipeline(TenantId tenant) {
    return Fixtures.pipelineId();
  }
}
