package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.User;

/** Who the caller is. */
public interface GetCurrentUserUseCase {

  record CurrentUser(User user, Tenant tenant) {}

  /**
   * @throws NotFoundException {@code user_not_found} if the user was removed after the token was
   *     issued
   */
  CurrentUser me(Principal principal);
}
