package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.TenantId;

/** Adds an agent to the tenant. */
public interface CreateAgentUseCase {

  /**
   * @throws InvalidInputException {@code invalid_input} for a blank name or blank capability
   */
  Agent create(TenantId tenant, AgentDraft draft);
}
