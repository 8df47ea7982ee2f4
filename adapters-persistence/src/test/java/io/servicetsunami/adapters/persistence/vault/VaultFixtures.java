package io.servicetsunami.adapters.persistence.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.testing.PortAssertions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Keys, clocks, IV sources and token surgery for the vault tests. */
final class VaultFixtures {

  static final String KEY_OLD = "JTA7RlFcZ3J9iJOeqbS_ytXg6_YBDBciLThDTllkb3o=";
  static final String KEY_NEW = FernetCredentialCipher.generateKey(new SecureRandom());
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private VaultFixtures() {}

  static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  static FernetCredentialCipher cipher(String... keys) {
    return new FernetCredentialCipher(List.of(keys), new SecureRandom(), clockAt(NOW));
  }

  /** An IV source that hands out the same bytes every time: for known-answer tests only. */
  static SecureRandom fixedIv(byte[] iv) {
    return new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        System.arraycopy(iv, 0, bytes, 0, bytes.length);
      }
    };
  }

  static byte[] decode(String token) {
    return Base64.getUrlDecoder().decode(token);
  }

  static String encode(byte[] data) {
    return Base64.getUrlEncoder().encodeToString(data);
  }

  /** {@code data} with its last 32 bytes replaced by a correct HMAC under {@code key}. */
  static byte[] resign(String key, byte[] data) {
    try {
      byte[] raw = Base64.getUrlDecoder().decode(key);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(raw, 0, 16, "HmacSHA256"));
      mac.update(data, 0, data.length - 32);
      byte[] signed = Arrays.copyOf(data, data.length);
      System.arraycopy(mac.doFinal(), 0, signed, data.length - 32, 32);
      return signed;
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Asserts the call fails as unreadable, with a message free of the given secrets. */
  static PermanentException assertUnreadable(ThrowingCallable call, String... neverInMessage) {
    PermanentException error =
        PortAssertions.assertPortError(
            PermanentException.class, ErrorCode.CREDENTIAL_UNREADABLE, call);
    for (String secret : neverInMessage) {
      assertThat(error.getMessage()).doesNotContain(secret);
    }
    return error;
  }

  static EncryptedSecret token(String token) {
    return new EncryptedSecret(token);
  }
}
