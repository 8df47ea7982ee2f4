package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;

/**
 * Encrypts credentials for storage. Each ciphertext is bound to its tenant: decrypting it for
 * another tenant fails. Implementations support key rotation (the newest key encrypts, every
 * configured key decrypts).
 */
public interface CredentialCipher {

  /**
   * Encrypts {@code plaintext} for {@code tenant} with the newest key. Never fails on valid input.
   */
  EncryptedSecret encrypt(TenantId tenant, Secret plaintext);

  /**
   * Decrypts a ciphertext written for {@code tenant}.
   *
   * @throws PermanentException {@code credential_unreadable} if the token is malformed, tampered
   *     with, written with an unknown key or for another tenant. The message never contains the
   *     plaintext or the key.
   */
  Secret decrypt(TenantId tenant, EncryptedSecret ciphertext);

  /**
   * The same plaintext encrypted with the newest key, for key rotation. Idempotent in effect.
   *
   * @throws PermanentException {@code credential_unreadable} as {@link #decrypt}
   */
  EncryptedSecret reencrypt(TenantId tenant, EncryptedSecret ciphertext);
}
