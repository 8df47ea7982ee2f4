package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.TenantId;

/** Changes an agent's editable fields; its learned skill statistics are kept. */
public interface UpdateAgentUseCase {

  /**
   * @throws NotFoundException {@code agent_not_found}
   * @throws InvalidInputException {@code invalid_input} as for create
   * @throws ConflictException {@code concurrent_modification} if the agent changed meanwhile
   */
  Agent update(TenantId tenant, AgentId id, AgentDraft draft);
}
