package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.User;
import io.servicetsunami.ports.model.UserId;
import java.util.Optional;

/** Stores users. E-mail addresses are unique across all tenants and compared case-insensitively. */
public interface UserRepository {

  /**
   * Stores a new user.
   *
   * @throws ConflictException {@code already_exists} if the id or the e-mail address is taken
   */
  User create(User user);

  /**
   * The user with this e-mail address in any tenant (sign-in does not know the tenant yet), or
   * empty. Case-insensitive.
   */
  Optional<User> findByEmail(String email);

  /** The user of {@code tenant} with this id; empty if none, or if it belongs to another tenant. */
  Optional<User> find(TenantId tenant, UserId id);
}
