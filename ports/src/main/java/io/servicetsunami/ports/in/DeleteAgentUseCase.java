package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.TenantId;

/** Removes an agent. */
public interface DeleteAgentUseCase {

  /**
   * @throws NotFoundException {@code agent_not_found}
   */
  void delete(TenantId tenant, AgentId id);
}
