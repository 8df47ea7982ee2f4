package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

/**
 * A credential as stored: an opaque ciphertext token produced by a {@code CredentialCipher} for one
 * tenant. Holding one reveals nothing; only the cipher, given the same tenant, can open it.
 */
public record EncryptedSecret(String token) {

  public EncryptedSecret {
    requireNonNull(token, "token is null");
    if (token.isBlank()) {
      throw new IllegalArgumentException("token is blank");
    }
  }

  @Override
  public String toString() {
    // Ciphertext is not secret, but it is long and useless in logs.
    return "EncryptedSecret[" + token.length() + " chars]";
  }
}
