package io.servicetsunami.ports.in;

import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;

/** The tenant's agents. */
public interface ListAgentsUseCase {

  /** All agents of the tenant, oldest first. */
  List<Agent> list(TenantId tenant);
}
