package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.TenantRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link TenantRepository} in memory. */
public final class InMemoryTenantRepository implements TenantRepository {

  private final Map<TenantId, Tenant> tenants = new LinkedHashMap<>();

  @Override
  public synchronized Tenant create(Tenant tenant) {
    requireNonNull(tenant, "tenant is null");
    if (tenants.containsKey(tenant.id())) {
      throw new ConflictException(ErrorCode.ALREADY_EXISTS, "tenant " + tenant.id() + " exists");
    }
    tenants.put(tenant.id(), tenant);
    return tenant;
  }

  @Override
  public synchronized Optional<Tenant> find(TenantId id) {
    return Optional.ofNullable(tenants.get(id));
  }

  /** Every stored tenant, in creation order. */
  public synchronized List<Tenant> all() {
    return List.copyOf(tenants.values());
  }
}
