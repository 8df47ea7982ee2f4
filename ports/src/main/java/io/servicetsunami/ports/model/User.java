package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A person who signs in to a tenant.
 *
 * @param email unique across all tenants; lower-cased here, so every store and lookup agrees
 * @param passwordHash the slow hash of the password in its self-describing encoded form; never the
 *     password
 */
public record User(
    UserId id,
    TenantId tenantId,
    String email,
    String fullName,
    String passwordHash,
    boolean active,
    Instant createdAt) {

  public User {
    requireNonNull(id, "id is null");
    requireNonNull(tenantId, "tenantId is null");
    email = requireText(email, "email").strip().toLowerCase(java.util.Locale.ROOT);
    requireNonNull(fullName, "fullName is null");
    requireText(passwordHash, "passwordHash");
    requireNonNull(createdAt, "createdAt is null");
  }

  @Override
  public String toString() {
    return "User[id=" + id + ", tenantId=" + tenantId + ", email=" + email + "]";
  }
}
