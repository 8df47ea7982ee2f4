package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.CircuitBreakers;

/** Whether the tenant's gateway is live. */
public interface CheckSkillHealthUseCase {

  /**
   * @param status {@code healthy}, {@code http_only} or {@code unreachable}
   */
  record SkillHealth(
      boolean healthy,
      boolean httpOk,
      boolean wsOk,
      String status,
      CircuitBreakers.State circuit) {}

  /**
   * Probes the tenant's gateway over HTTP and WebSocket.
   *
   * @throws NotFoundException {@code instance_not_found} if the tenant has no instance
   * @throws ConflictException {@code instance_not_running}
   */
  SkillHealth check(TenantId tenant);
}
