package io.servicetsunami.adapters.persistence.vault;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.CredentialCipher;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The credential vault: Fernet tokens, readable and writable by Python's {@code
 * cryptography.fernet}, each bound to its tenant. Thread-safe.
 *
 * <h2>Token format</h2>
 *
 * Plain Fernet (https://github.com/fernet/spec), byte for byte as Python writes it: {@code
 * base64url-with-padding(0x80 ‖ uint64 big-endian seconds ‖ IV(16) ‖ AES-128-CBC(PKCS7(plaintext))
 * ‖ HMAC-SHA256(all before))}. A key is 32 bytes in url-safe base64, the first 16 for HMAC-SHA256
 * and the last 16 for AES-128. The HMAC is compared in constant time and checked before anything is
 * decrypted. See {@link FernetToken}.
 *
 * <h2>Tenant binding</h2>
 *
 * Fernet has no associated data, so the tenant goes inside the encrypted plaintext: this class
 * encrypts the envelope {@code 0xFF ‖ 0x01 ‖ tenant UUID (16 bytes) ‖ secret as UTF-8} and, after
 * decrypting, refuses an envelope whose tenant is not the caller's. A token copied into another
 * tenant's row therefore reads as {@code credential_unreadable}. See {@link CredentialEnvelope}.
 *
 * <h2>Legacy tokens of the original system</h2>
 *
 * The Python system encrypted the bare secret ({@code Fernet(key).encrypt(value.encode())}). Its
 * plaintexts are well-formed UTF-8, which never contains the byte 0xFF, so a plaintext starting
 * with 0xFF is an envelope and any other is legacy. Legacy tokens carry no tenant; with {@link
 * LegacyTokens#READ} (the default, because the original system's stored credentials must stay
 * readable) they are read for whichever tenant asks, exactly as the original system did: the row's
 * tenant column is then the only binding. {@link #reencrypt} turns a legacy token into a bound one
 * for the tenant that owns the row, so once a re-encryption job has visited every row, the vault
 * can be built with {@link LegacyTokens#REFUSE} and a copied legacy token is refused too.
 *
 * <h2>Key rotation</h2>
 *
 * Like Python's {@code MultiFernet}: keys newest first; {@link #encrypt} uses the first; {@link
 * #decrypt} tries each; {@link #reencrypt} decrypts with any key and encrypts again with the
 * newest, under a fresh IV, bound to the tenant, keeping the original timestamp as {@code
 * MultiFernet.rotate} does. To rotate: put the new key first, re-encrypt every stored credential,
 * then drop the old key.
 *
 * <h2>Why no TTL</h2>
 *
 * A Fernet TTL limits how long ago a token may have been written. A stored credential stays valid
 * for as long as its tenant keeps it configured, however old its token is, and the original system
 * read stored tokens without a TTL (Python then checks no timestamp at all, not even one in the
 * future); a TTL would also expire re-encrypted tokens, which keep their timestamp. So the
 * timestamp is written, for compatibility, and never checked. Old keys are retired by rotation, not
 * by token age.
 */
public final class FernetCredentialCipher implements CredentialCipher {

  /** Whether tokens without a tenant envelope, as the original system wrote them, are read. */
  public enum LegacyTokens {
    /** Read them for any tenant (the row's tenant column is their only binding). */
    READ,
    /** Refuse them as {@code credential_unreadable}: for after every row has been re-encrypted. */
    REFUSE
  }

  private final List<FernetKey> keys;
  private final SecureRandom random;
  private final Clock clock;
  private final LegacyTokens legacyTokens;

  /**
   * A vault that reads legacy tokens ({@link LegacyTokens#READ}).
   *
   * @param base64Keys Fernet keys in their text form, newest first: the first encrypts, all decrypt
   * @param random the source of IVs
   * @param clock the source of token timestamps
   * @throws IllegalArgumentException if there is no key or a key is malformed; the message names
   *     the key's position (1-based), never its value
   */
  public FernetCredentialCipher(List<String> base64Keys, SecureRandom random, Clock clock) {
    this(base64Keys, random, clock, LegacyTokens.READ);
  }

  /** As {@link #FernetCredentialCipher(List, SecureRandom, Clock)}, choosing legacy handling. */
  public FernetCredentialCipher(
      List<String> base64Keys, SecureRandom random, Clock clock, LegacyTokens legacyTokens) {
    requireNonNull(base64Keys, "base64Keys is null");
    this.random = requireNonNull(random, "random is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.legacyTokens = requireNonNull(legacyTokens, "legacyTokens is null");
    if (base64Keys.isEmpty()) {
      throw new IllegalArgumentException("no Fernet key configured");
    }
    List<FernetKey> parsed = new ArrayList<>(base64Keys.size());
    for (int i = 0; i < base64Keys.size(); i++) {
      try {
        parsed.add(FernetKey.parse(base64Keys.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Fernet key " + (i + 1) + " of " + base64Keys.size() + " " + e.getMessage());
      }
    }
    this.keys = List.copyOf(parsed);
  }

  /** A new random key in Fernet's text form (44 characters of url-safe base64). */
  public static String generateKey(SecureRandom random) {
    return FernetKey.generate(requireNonNull(random, "random is null"));
  }

  @Override
  public EncryptedSecret encrypt(TenantId tenant, Secret plaintext) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(plaintext, "plaintext is null");
    return seal(tenant, plaintext, clock.instant().getEpochSecond());
  }

  @Override
  public Secret decrypt(TenantId tenant, EncryptedSecret ciphertext) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(ciphertext, "ciphertext is null");
    return open(tenant, FernetToken.open(keys, ciphertext.token()));
  }

  @Override
  public EncryptedSecret reencrypt(TenantId tenant, EncryptedSecret ciphertext) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(ciphertext, "ciphertext is null");
    FernetToken.Opened opened = FernetToken.open(keys, ciphertext.token());
    return seal(tenant, open(tenant, opened), opened.timestamp());
  }

  private EncryptedSecret seal(TenantId tenant, Secret secret, long timestamp) {
    byte[] iv = new byte[FernetToken.IV_LENGTH];
    random.nextBytes(iv);
    byte[] envelope = CredentialEnvelope.seal(tenant, secret);
    try {
      return new EncryptedSecret(FernetToken.seal(keys.get(0), envelope, timestamp, iv));
    } finally {
      Arrays.fill(envelope, (byte) 0);
    }
  }

  private Secret open(TenantId tenant, FernetToken.Opened opened) {
    byte[] plaintext = opened.plaintext();
    try {
      CredentialEnvelope.Content content = CredentialEnvelope.open(plaintext);
      if (content instanceof CredentialEnvelope.Bound bound && !bound.tenant().equals(tenant)) {
        throw FernetToken.unreadable("credential was not written for this tenant");
      }
      if (content instanceof CredentialEnvelope.Legacy && legacyTokens == LegacyTokens.REFUSE) {
        throw FernetToken.unreadable("credential is not bound to a tenant (re-encrypt it)");
      }
      return content.secret();
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "FernetCredentialCipher[" + keys.size() + " key(s), legacy tokens " + legacyTokens + "]";
  }
}
