package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

/**
 * An authenticated user acting for its tenant; the tenant always comes from here, never from input.
 */
public record Principal(UserId userId, TenantId tenantId, String email) {

  public Principal {
    requireNonNull(userId, "userId is null");
    requireNonNull(tenantId, "tenantId is null");
    requireText(email, "email");
  }
}
