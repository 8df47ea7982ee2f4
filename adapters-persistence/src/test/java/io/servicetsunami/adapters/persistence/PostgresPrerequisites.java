package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.contract.Prerequisites;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.testing.Fixtures;

/**
 * The contracts' prerequisites as rows of the shared test database, so that its foreign keys find
 * their parents.
 */
interface PostgresPrerequisites extends Prerequisites {

  default PostgresPersistence db() {
    return TestDatabase.shared();
  }

  @Override
  default TenantId newTenant() {
    return db().tenants().create(Fixtures.tenant()).id();
  }

  @Override
  default AgentId newAgent(TenantId tenant) {
    return db().agents().create(Fixtures.agent(tenant)).id();
  }

  @Override
  default TaskId newTask(TenantId tenant) {
    return db().tasks().create(Fixtures.task(tenant)).id();
  }

  @Override
  default PipelineId newPipeline(TenantId tenant) {
    return db().pipelines().create(Fixtures.pipeline(tenant)).id();
  }
}
