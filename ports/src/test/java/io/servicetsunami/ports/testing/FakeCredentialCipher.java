package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.CredentialCipher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link CredentialCipher} for tests: NOT cryptography, but with the port's observable behaviour.
 * The plaintext is XORed with a SHA-256 key stream derived from the key, the tenant and a per-token
 * nonce, and sealed with a SHA-256 checksum over the same inputs. So a token never contains its
 * plaintext, opens only for its tenant and only with a configured key, and any change to it is
 * detected. Key rotation works as the port describes: the first key encrypts, all keys decrypt.
 *
 * <p>Token form: {@code fake-cipher.<key id>.<nonce>.<base64url body>.<checksum>}.
 */
public final class FakeCredentialCipher implements CredentialCipher {

  private static final String PREFIX = "fake-cipher";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final List<String> keys;
  private final AtomicLong nonces = new AtomicLong();

  /** A cipher with one key. */
  public FakeCredentialCipher() {
    this("fake-key-1");
  }

  /** A cipher that encrypts with {@code newestKey} and decrypts with it and {@code olderKeys}. */
  public FakeCredentialCipher(String newestKey, String... olderKeys) {
    List<String> all = new ArrayList<>();
    all.add(requireNonNull(newestKey, "newestKey is null"));
    all.addAll(List.of(olderKeys));
    this.keys = List.copyOf(all);
  }

  /**
   * A cipher after rotating to {@code newKey}: it encrypts with it and still reads every old key.
   */
  public FakeCredentialCipher rotatedTo(String newKey) {
    return new FakeCredentialCipher(newKey, keys.toArray(String[]::new));
  }

  @Override
  public EncryptedSecret encrypt(TenantId tenant, Secret plaintext) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(plaintext, "plaintext is null");
    String key = keys.get(0);
    long nonce = nonces.incrementAndGet();
    byte[] body = xor(plaintext.reveal().getBytes(StandardCharsets.UTF_8), key, tenant, nonce);
    String encodedBody = ENCODER.encodeToString(body);
    return new EncryptedSecret(
        String.join(
            ".",
            PREFIX,
            keyId(key),
            Long.toString(nonce),
            encodedBody,
            checksum(key, tenant, nonce, encodedBody)));
  }

  @Override
  public Secret decrypt(TenantId tenant, EncryptedSecret ciphertext) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(ciphertext, "ciphertext is null");
    String[] parts = ciphertext.token().split("\\.", -1);
    if (parts.length != 5 || !parts[0].equals(PREFIX)) {
      throw unreadable("malformed token");
    }
    String key =
        keys.stream()
            .filter(k -> keyId(k).equals(parts[1]))
            .findFirst()
            .orElseThrow(() -> unreadable("written with an unknown key"));
    long nonce;
    byte[] body;
    try {
      nonce = Long.parseLong(parts[2]);
      body = DECODER.decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw unreadable("malformed token");
    }
    byte[] expected = checksum(key, tenant, nonce, parts[3]).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[4].getBytes(StandardCharsets.US_ASCII))) {
      throw unreadable("tampered with or written for another tenant");
    }
    String plaintext = new String(xor(body, key, tenant, nonce), StandardCharsets.UTF_8);
    if (plaintext.isEmpty()) {
      throw unreadable("empty plaintext");
    }
    return Secret.of(plaintext);
  }

  @Override
  public EncryptedSecret reencrypt(TenantId tenant, EncryptedSecret ciphertext) {
    return encrypt(tenant, decrypt(tenant, ciphertext));
  }

  /** Whether {@code ciphertext} was written with the newest key: for rotation assertions. */
  public boolean isCurrent(EncryptedSecret ciphertext) {
    return ciphertext.token().startsWith(PREFIX + "." + keyId(keys.get(0)) + ".");
  }

  private static PermanentException unreadable(String why) {
    return new PermanentException(ErrorCode.CREDENTIAL_UNREADABLE, "credential unreadable: " + why);
  }

  private static String keyId(String key) {
    return HexFormat.of().formatHex(sha256("key-id", key)).substring(0, 8);
  }

  private static String checksum(String key, TenantId tenant, long nonce, String encodedBody) {
    return HexFormat.of()
        .formatHex(sha256("mac", key, tenant.toString(), Long.toString(nonce), encodedBody))
        .substring(0, 32);
  }

  private static byte[] xor(byte[] input, String key, TenantId tenant, long nonce) {
    byte[] output = new byte[input.length];
    byte[] block = new byte[0];
    for (int i = 0; i < input.length; i++) {
      if (i % 32 == 0) {
        block = sha256("stream", key, tenant.toString(), Long.toString(nonce), Integer.toString(i));
      }
      output[i] = (byte) (input[i] ^ block[i % 32]);
    }
    return output;
  }

  private static byte[] sha256(String... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
