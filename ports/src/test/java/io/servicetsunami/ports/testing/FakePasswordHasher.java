package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A FAST, NOT SLOW {@link PasswordHasher} for tests: salted SHA-256 in the self-describing form
 * {@code fake-sha256$<salt>$<hex>}. It keeps the port's observable behaviour — the hash never
 * contains the password, two hashes of one password differ (fresh salt each time), comparison is
 * constant-time, a malformed hash matches nothing — but is deliberately cheap so tests stay fast.
 * Never use it outside tests.
 */
public final class FakePasswordHasher implements PasswordHasher {

  /** The prefix every hash of this fake carries, so a fake hash is recognisable anywhere. */
  public static final String ALGORITHM = "fake-sha256";

  private final AtomicLong salts = new AtomicLong();

  @Override
  public String hash(Secret password) {
    requireNonNull(password, "password is null");
    String salt = Long.toString(salts.incrementAndGet());
    return ALGORITHM + "$" + salt + "$" + digest(salt, password);
  }

  @Override
  public boolean matches(Secret password, String encodedHash) {
    requireNonNull(password, "password is null");
    if (encodedHash == null) {
      return false;
    }
    String[] parts = encodedHash.split("\\$", -1);
    if (parts.length != 3 || !parts[0].equals(ALGORITHM) || parts[1].isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        digest(parts[1], password).getBytes(StandardCharsets.US_ASCII),
        parts[2].getBytes(StandardCharsets.US_ASCII));
  }

  private static String digest(String salt, Secret password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(password.reveal().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
