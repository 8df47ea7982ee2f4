package io.servicetsunami.app.security;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.PasswordHasher;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 from the JDK, encoded as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * (salt and hash in unpadded base64url), so that the iteration count can be raised later without
 * invalidating stored hashes.
 */
public final class Pbkdf2PasswordHasher implements PasswordHasher {

  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 210_000;

  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  // Bounds what a stored hash may ask for, so that a tampered row cannot stall a sign-in.
  private static final int MAX_ITERATIONS = 10_000_000;

  private final int iterations;
  private final SecureRandom random;

  public Pbkdf2PasswordHasher(SecureRandom random) {
    this(DEFAULT_ITERATIONS, random);
  }

  public Pbkdf2PasswordHasher(int iterations, SecureRandom random) {
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("iterations out of range: " + iterations);
    }
    this.iterations = iterations;
    this.random = requireNonNull(random, "random is null");
  }

  @Override
  public String hash(Secret password) {
    requireNonNull(password, "password is null");
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, iterations, HASH_BYTES);
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(hash);
  }

  @Override
  public boolean matches(Secret password, String encodedHash) {
    requireNonNull(password, "password is null");
    if (encodedHash == null) {
      return false;
    }
    String[] parts = encodedHash.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return false;
    }
    int storedIterations;
    byte[] salt;
    byte[] expected;
    try {
      storedIterations = Integer.parseInt(parts[1]);
      Base64.Decoder base64 = Base64.getUrlDecoder();
      salt = base64.decode(parts[2]);
      expected = base64.decode(parts[3]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (storedIterations < 1
        || storedIterations > MAX_ITERATIONS
        || salt.length == 0
        || expected.length == 0) {
      return false;
    }
    byte[] actual = derive(password, salt, storedIterations, expected.length);
    return MessageDigest.isEqual(actual, expected);
  }

  private static byte[] derive(Secret password, byte[] salt, int iterations, int length) {
    PBEKeySpec spec = new PBEKeySpec(password.reveal().toCharArray(), salt, iterations, length * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public String toString() {
    return "Pbkdf2PasswordHasher[iterations=" + iterations + "]";
  }
}
