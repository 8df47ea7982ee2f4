package io.servicetsunami.ports.in;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.User;

/** Signs up a new organisation: a tenant and its first user. */
public interface RegisterTenantUseCase {

  record RegisterCommand(String email, Secret password, String fullName, String tenantName) {
    public RegisterCommand {
      requireNonNull(email, "email is null");
      requireNonNull(password, "password is null");
      requireNonNull(fullName, "fullName is null");
      requireNonNull(tenantName, "tenantName is null");
    }
  }

  record Registration(Tenant tenant, User user) {}

  /**
   * Creates the tenant and its first user.
   *
   * @throws InvalidInputException {@code invalid_input} for a malformed e-mail address, a password
   *     shorter than 8 characters, or a blank tenant name
   * @throws ConflictException {@code already_exists} if the e-mail address is taken
   */
  Registration register(RegisterCommand command);
}
