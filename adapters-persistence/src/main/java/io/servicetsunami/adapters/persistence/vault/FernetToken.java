package io.servicetsunami.adapters.persistence.vault;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;

/**
 * The Fernet token format (https://github.com/fernet/spec), byte for byte as Python's {@code
 * cryptography.fernet} writes and reads it:
 *
 * <pre>
 * base64url-with-padding( 0x80 ‖ timestamp (uint64 big-endian seconds) ‖ IV (16)
 *                         ‖ AES-128-CBC(PKCS7(plaintext)) ‖ HMAC-SHA256(everything before) )
 * </pre>
 *
 * <p>Reading checks, in this order: base64, version byte, length (at least 73 bytes, ciphertext a
 * whole number of blocks), the HMAC in constant time, and only then decrypts and unpads. The
 * timestamp is returned but never checked: see {@link FernetCredentialCipher} for why there is no
 * TTL. Every failure is a {@link PermanentException} {@code credential_unreadable} whose message
 * names the failed check and nothing of the key or the plaintext.
 */
final class FernetToken {

  static final byte VERSION = (byte) 0x80;
  static final int IV_LENGTH = 16;
  static final int BLOCK = 16;
  static final int HMAC_LENGTH = 32;
  private static final int HEADER = 1 + Long.BYTES + IV_LENGTH;

  /** Version, timestamp, IV, one ciphertext block and the HMAC. */
  static final int MIN_LENGTH = HEADER + BLOCK + HMAC_LENGTH;

  /** What a readable token holds. {@code keyIndex} is the position of the key that opened it. */
  record Opened(byte[] plaintext, long timestamp, int keyIndex) {}

  private FernetToken() {}

  static String seal(FernetKey key, byte[] plaintext, long timestamp, byte[] iv) {
    if (iv.length != IV_LENGTH) {
      throw new IllegalArgumentException("IV must be " + IV_LENGTH + " bytes");
    }
    byte[] ciphertext;
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding"); // PKCS#5 on 16-byte blocks = PKCS#7
      aes.init(Cipher.ENCRYPT_MODE, key.encryptionKey(), new IvParameterSpec(iv));
      ciphertext = aes.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-128-CBC is unavailable in this JDK", e);
    }
    ByteBuffer token = ByteBuffer.allocate(HEADER + ciphertext.length + HMAC_LENGTH);
    token.put(VERSION).putLong(timestamp).put(iv).put(ciphertext);
    token.put(hmac(key, token.array(), HEADER + ciphertext.length));
    return Base64.getUrlEncoder().encodeToString(token.array());
  }

  /**
   * Opens {@code token} with the first of {@code keys} whose HMAC matches, as {@code MultiFernet}
   * does.
   */
  static Opened open(List<FernetKey> keys, String token) {
    byte[] data = decode(token);
    if (data.length == 0 || data[0] != VERSION) {
      throw unreadable("unknown token version");
    }
    int ciphertextLength = data.length - HEADER - HMAC_LENGTH;
    if (data.length < MIN_LENGTH || ciphertextLength % BLOCK != 0) {
      throw unreadable("token is truncated or not a whole number of cipher blocks");
    }
    long timestamp = ByteBuffer.wrap(data, 1, Long.BYTES).getLong();
    byte[] signature = Arrays.copyOfRange(data, data.length - HMAC_LENGTH, data.length);
    boolean badPadding = false;
    for (int i = 0; i < keys.size(); i++) {
      FernetKey key = keys.get(i);
      if (!MessageDigest.isEqual(hmac(key, data, data.length - HMAC_LENGTH), signature)) {
        continue;
      }
      byte[] plaintext = decrypt(key, data, ciphertextLength);
      if (plaintext != null) {
        return new Opened(plaintext, timestamp, i);
      }
      // Only the holder of this key could have signed a wrongly padded plaintext; MultiFernet
      // would try the next key all the same, and so do we.
      badPadding = true;
    }
    if (badPadding) {
      throw unreadable("signature is valid but the plaintext padding is not");
    }
    throw unreadable(
        "signature matches none of the "
            + keys.size()
            + " configured key(s): tampered with, or written with an unknown key");
  }

  static PermanentException unreadable(String why) {
    return new PermanentException(ErrorCode.CREDENTIAL_UNREADABLE, "credential unreadable: " + why);
  }

  private static byte[] decode(String token) {
    String text = UrlSafe.normalize(token);
    // Python requires the padding that its encoder writes; Java's decoder alone would not.
    if (text.length() % 4 != 0) {
      throw unreadable("token is not padded base64url");
    }
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the offending character: not repeated.
      throw unreadable("token is not base64url");
    }
  }

  /** The unpadded plaintext, or {@code null} if the PKCS7 padding is wrong. */
  private static byte[] decrypt(FernetKey key, byte[] data, int ciphertextLength) {
    byte[] padded;
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
      aes.init(
          Cipher.DECRYPT_MODE,
          key.encryptionKey(),
          new IvParameterSpec(data, 1 + Long.BYTES, IV_LENGTH));
      padded = aes.doFinal(data, HEADER, ciphertextLength);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-128-CBC is unavailable in this JDK", e);
    }
    // Unpadding by hand keeps the rule visible: 1..16 bytes, each equal to the count.
    int pad = padded[padded.length - 1] & 0xff;
    boolean valid = pad >= 1 && pad <= BLOCK;
    for (int i = 0; valid && i < pad; i++) {
      valid = (padded[padded.length - 1 - i] & 0xff) == pad;
    }
    if (!valid) {
      Arrays.fill(padded, (byte) 0);
      return null;
    }
    byte[] plaintext = Arrays.copyOf(padded, padded.length - pad);
    Arrays.fill(padded, (byte) 0);
    return plaintext;
  }

  private static byte[] hmac(FernetKey key, byte[] data, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key.signingKey());
      mac.update(data, 0, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable in this JDK", e);
    }
  }
}
