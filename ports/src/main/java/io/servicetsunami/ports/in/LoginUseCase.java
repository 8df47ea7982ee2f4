package io.servicetsunami.ports.in;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.model.Secret;
import java.time.Duration;

/** Exchanges an e-mail address and password for a bearer token. */
public interface LoginUseCase {

  /**
   * @param clientKey who is trying (e.g. the client address), for rate limiting
   */
  record LoginCommand(String email, Secret password, String clientKey) {
    public LoginCommand {
      requireNonNull(email, "email is null");
      requireNonNull(password, "password is null");
      requireNonNull(clientKey, "clientKey is null");
    }
  }

  record AccessGrant(String accessToken, String tokenType, Duration expiresIn) {
    public AccessGrant {
      requireNonNull(accessToken, "accessToken is null");
      requireNonNull(tokenType, "tokenType is null");
      requireNonNull(expiresIn, "expiresIn is null");
    }

    @Override
    public String toString() {
      return "AccessGrant[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
  }

  /**
   * Verifies the password and issues a token.
   *
   * @throws ForbiddenException {@code invalid_credentials} for an unknown e-mail address or a wrong
   *     password (indistinguishably); {@code rate_limited} after too many failed attempts by the
   *     same client or for the same address
   */
  AccessGrant login(LoginCommand command);
}
