package io.servicetsunami.ports.out;

import io.servicetsunami.ports.model.Secret;

/** Hashes passwords with a deliberately slow, salted algorithm. */
public interface PasswordHasher {

  /** A self-describing encoded hash (algorithm, parameters, salt, hash) of the password. */
  String hash(Secret password);

  /**
   * Whether {@code password} matches {@code encodedHash}. Runs in time independent of where a
   * mismatch occurs; false for a malformed hash.
   */
  boolean matches(Secret password, String encodedHash);
}
