package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.TenantRepository;
import java.util.Optional;

/** {@link TenantRepository} on the {@code tenants} table. */
public final class JpaTenantRepository implements TenantRepository {

  private final Transactions transactions;

  JpaTenantRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public Tenant create(Tenant tenant) {
    TenantEntity row = TenantEntity.of(requireNonNull(tenant, "tenant is null"));
    return transactions.call(
        "creating a tenant",
        s -> {
          s.insert(row);
          return row.toRecord();
        });
  }

  @Override
  public Optional<Tenant> find(TenantId id) {
    requireNonNull(id, "id is null");
    return transactions.call(
        "reading a tenant",
        s ->
            Optional.ofNullable(s.get(TenantEntity.class, id.value())).map(TenantEntity::toRecord));
  }
}
