package io.servicetsunami.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.Secret;
import org.junit.jupiter.api.Test;

class FakePasswordHasherTest {

  private final FakePasswordHasher hasher = new FakePasswordHasher();
  private final Secret password = Secret.of("correct horse battery staple");

  @Test
  void hashMatchesItsPasswordOnly() {
    String hash = hasher.hash(password);

    assertThat(hasher.matches(password, hash)).isTrue();
    assertThat(hasher.matches(Secret.of("correct horse battery stapler"), hash)).isFalse();
  }

  @Test
  void hashIsSelfDescribingSaltedAndHidesThePassword() {
    String first = hasher.hash(password);
    String second = hasher.hash(password);

    assertThat(first).startsWith("fake-sha256$").doesNotContain("horse");
    assertThat(first).isNotEqualTo(second);
    assertThat(hasher.matches(password, second)).isTrue();
  }

  @Test
  void malformedHashMatchesNothing() {
    assertThat(hasher.matches(password, "")).isFalse();
    assertThat(hasher.matches(password, "bcrypt$2b$12$abc")).isFalse();
    assertThat(hasher.matches(password, "fake-sha256$$")).isFalse();
    assertThat(hasher.matches(password, null)).isFalse();
  }
}
