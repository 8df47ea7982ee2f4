package io.servicetsunami.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.Secret;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Pbkdf2PasswordHasherTest {

  private final Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(new SecureRandom());

  @Test
  void hashesAreSaltedSelfDescribingAndVerify() {
    String hash = hasher.hash(Secret.of("correct horse"));
    assertThat(hash).startsWith("pbkdf2-sha256$210000$").doesNotContain("correct horse");
    assertThat(hasher.hash(Secret.of("correct horse"))).isNotEqualTo(hash);
    assertThat(hasher.matches(Secret.of("correct horse"), hash)).isTrue();
    assertThat(hasher.matches(Secret.of("correct horsf"), hash)).isFalse();
  }

  @Test
  void aHashWithOtherIterationsStillVerifies() {
    String hash = new Pbkdf2PasswordHasher(1_000, new SecureRandom()).hash(Secret.of("pw123456"));
    assertThat(hasher.matches(Secret.of("pw123456"), hash)).isTrue();
  }

  @Test
  void malformedHashesDoNotMatch() {
    Secret pw = Secret.of("pw123456");
    assertThat(hasher.matches(pw, null)).isFalse();
    assertThat(hasher.matches(pw, "")).isFalse();
    assertThat(hasher.matches(pw, "bcrypt$2b$12$abc")).isFalse();
    assertThat(hasher.matches(pw, "pbkdf2-sha256$x$AAAA$AAAA")).isFalse();
    assertThat(hasher.matches(pw, "pbkdf2-sha256$999999999$AAAA$AAAA")).isFalse();
    assertThat(hasher.matches(pw, "pbkdf2-sha256$1000$!!$AAAA")).isFalse();
  }
}
