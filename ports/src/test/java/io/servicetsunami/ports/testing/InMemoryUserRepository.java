package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.User;
import io.servicetsunami.ports.model.UserId;
import io.servicetsunami.ports.out.UserRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@link UserRepository} in memory; e-mail addresses are unique across tenants, any case. */
public final class InMemoryUserRepository implements UserRepository {

  private final Map<UserId, User> users = new LinkedHashMap<>();

  @Override
  public synchronized User create(User user) {
    requireNonNull(user, "user is null");
    if (users.containsKey(user.id())) {
      throw new ConflictException(ErrorCode.ALREADY_EXISTS, "user " + user.id() + " exists");
    }
    if (byEmail(user.email()).isPresent()) {
      throw new ConflictException(ErrorCode.ALREADY_EXISTS, "e-mail address is taken");
    }
    users.put(user.id(), user);
    return user;
  }

  @Override
  public synchronized Optional<User> findByEmail(String email) {
    requireNonNull(email, "email is null");
    return byEmail(email);
  }

  @Override
  public synchronized Optional<User> find(TenantId tenant, UserId id) {
    return Optional.ofNullable(users.get(id)).filter(u -> u.tenantId().equals(tenant));
  }

  /** Every stored user, in creation order. */
  public synchronized List<User> all() {
    return List.copyOf(users.values());
  }

  private Optional<User> byEmail(String email) {
    String key = email.toLowerCase(Locale.ROOT);
    return users.values().stream()
        .filter(u -> u.email().toLowerCase(Locale.ROOT).equals(key))
        .findFirst();
  }
}
