package io.servicetsunami.adapters.persistence.vault;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * One Fernet key: 32 bytes, the first 16 sign (HMAC-SHA256), the last 16 encrypt (AES-128). Its
 * text form is the 44-character url-safe base64 that Python's {@code Fernet.generate_key()} writes.
 * Never printed: {@link #toString()} shows nothing of it.
 */
final class FernetKey {

  static final int LENGTH = 32;
  private static final int HALF = LENGTH / 2;

  private final SecretKeySpec signingKey;
  private final SecretKeySpec encryptionKey;

  private FernetKey(byte[] raw) {
    this.signingKey = new SecretKeySpec(raw, 0, HALF, "HmacSHA256");
    this.encryptionKey = new SecretKeySpec(raw, HALF, HALF, "AES");
  }

  /**
   * Reads a key's text form as Python's {@code Fernet(key)} does: surrounding whitespace ignored,
   * url-safe base64 (the standard alphabet's {@code +} and {@code /} are read too, as Python's
   * decoder does), decoding to exactly 32 bytes.
   *
   * @throws IllegalArgumentException without the key's value in the message
   */
  static FernetKey parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("is missing");
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(UrlSafe.normalize(text));
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes characters of the input: not repeated here.
      throw new IllegalArgumentException("is not url-safe base64");
    }
    try {
      if (raw.length != LENGTH) {
        throw new IllegalArgumentException(
            "decodes to " + raw.length + " bytes; a Fernet key is " + LENGTH);
      }
      return new FernetKey(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** A new random key in its text form, like Python's {@code Fernet.generate_key()}. */
  static String generate(SecureRandom random) {
    byte[] raw = new byte[LENGTH];
    random.nextBytes(raw);
    try {
      return Base64.getUrlEncoder().encodeToString(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  SecretKeySpec signingKey() {
    return signingKey;
  }

  SecretKeySpec encryptionKey() {
    return encryptionKey;
  }

  @Override
  public String toString() {
    return "FernetKey[******]";
  }
}
