package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.TenantId;
import java.util.Optional;

/**
 * Stores tenants. Every repository may throw {@link TransientException} ({@code
 * database_unavailable}) when its store cannot be reached; the call changed nothing or is safe to
 * repeat.
 */
public interface TenantRepository {

  /**
   * Stores a new tenant.
   *
   * @throws ConflictException {@code already_exists} if a tenant with this id exists
   */
  Tenant create(Tenant tenant);

  /** The tenant, or empty if none has this id. */
  Optional<Tenant> find(TenantId id);
}
