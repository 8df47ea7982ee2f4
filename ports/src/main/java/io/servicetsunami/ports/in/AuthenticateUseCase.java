package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.model.Principal;

/** Turns a bearer token into the principal every other use case acts for. */
public interface AuthenticateUseCase {

  /**
   * @throws ForbiddenException {@code unauthenticated} for a missing, malformed, forged or expired
   *     token, or one whose user no longer exists or is inactive
   */
  Principal authenticate(String bearerToken);
}
