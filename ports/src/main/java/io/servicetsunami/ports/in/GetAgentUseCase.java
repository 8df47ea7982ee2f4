package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.TenantId;

/** One agent of the tenant. */
public interface GetAgentUseCase {

  /**
   * @throws NotFoundException {@code agent_not_found}
   */
  Agent get(TenantId tenant, AgentId id);
}
