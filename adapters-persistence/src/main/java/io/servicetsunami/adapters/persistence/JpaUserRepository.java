package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.User;
import io.servicetsunami.ports.model.UserId;
import io.servicetsunami.ports.out.UserRepository;
import java.util.Optional;

/**
 * {@link UserRepository} on the {@code users} table. The unique index on {@code lower(email)} keeps
 * addresses unique across tenants whatever their case, and serves the sign-in lookup.
 */
public final class JpaUserRepository implements UserRepository {

  private final Transactions transactions;

  JpaUserRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public User create(User user) {
    UserEntity row = UserEntity.of(requireNonNull(user, "user is null"));
    return transactions.call(
        "creating a user",
        s -> {
          s.insert(row);
          return row.toRecord();
        });
  }

  @Override
  public Optional<User> findByEmail(String email) {
    requireNonNull(email, "email is null");
    return transactions.call(
        "reading a user",
        s ->
            s.createSelectionQuery(
                    "from UserEntity u where lower(u.email) = lower(:email)", UserEntity.class)
                .setParameter("email", email)
                .uniqueResultOptional()
                .map(UserEntity::toRecord));
  }

  @Override
  public Optional<User> find(TenantId tenant, UserId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return transactions.call(
        "reading a user",
        s ->
            s.createSelectionQuery(
                    "from UserEntity u where u.id = :id and u.tenantId = :tenant", UserEntity.class)
                .setParameter("id", id.value())
                .setParameter("tenant", tenant.value())
                .uniqueResultOptional()
                .map(UserEntity::toRecord));
  }
}
