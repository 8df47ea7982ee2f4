package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A customer organisation: the unit of isolation. Every other aggregate belongs to exactly one
 * tenant.
 *
 * @param defaultLlmModel the model skills use unless their configuration overrides it
 */
public record Tenant(TenantId id, String name, String defaultLlmModel, Instant createdAt) {

  public Tenant {
    requireNonNull(id, "id is null");
    requireText(name, "name");
    requireText(defaultLlmModel, "defaultLlmModel");
    requireNonNull(createdAt, "createdAt is null");
  }
}
