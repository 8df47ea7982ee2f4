package io.servicetsunami.ports.out;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.model.Principal;
import java.time.Duration;

/** Issues and verifies the bearer tokens users call the API with. */
public interface AccessTokens {

  /** A signed token and how long it is valid. */
  record IssuedToken(String accessToken, Duration expiresIn) {
    public IssuedToken {
      requireNonNull(accessToken, "accessToken is null");
      requireNonNull(expiresIn, "expiresIn is null");
    }

    @Override
    public String toString() {
      return "IssuedToken[expiresIn=" + expiresIn + "]";
    }
  }

  /** Issues a token for the principal. */
  IssuedToken issue(Principal principal);

  /**
   * The principal a token was issued for.
   *
   * @throws ForbiddenException {@code unauthenticated} if the token is malformed, forged or expired
   */
  Principal verify(String accessToken);
}
