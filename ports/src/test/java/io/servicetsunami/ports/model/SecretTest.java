package io.servicetsunami.ports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.servicetsunami.ports.out.AccessTokens.IssuedToken;
import io.servicetsunami.ports.out.GatewayEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void toStringMasksTheValue() {
    Secret secret = Secret.of("sk-live-123");

    assertThat(secret).hasToString("******");
    assertThat(String.valueOf(Map.of("key", secret))).doesNotContain("sk-live-123");
    assertThat(secret.reveal()).isEqualTo("sk-live-123");
  }

  @Test
  void secretsAreEqualByValue() {
    assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).hasSameHashCodeAs(Secret.of("a"));
    assertThat(Secret.of("a")).isNotEqualTo(Secret.of("b"));
  }

  @Test
  void emptyOrNullSecretsAreRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> Secret.of(""));
    assertThatNullPointerException().isThrownBy(() -> Secret.of(null));
  }

  @Test
  void recordsCarryingSecretsDoNotPrintThem() {
    GatewayEndpoint endpoint =
        new GatewayEndpoint(
            new InstanceId(UUID.randomUUID()),
            "http://gw:18789",
            Secret.of("gateway-token-value"),
            Optional.of(Secret.of("device-token-value")));
    User user =
        new User(
            new UserId(UUID.randomUUID()),
            new TenantId(UUID.randomUUID()),
            "ada@example.com",
            "Ada",
            "$argon2id$v=19$hash-value",
            true,
            Instant.EPOCH);

    assertThat(endpoint.toString()).doesNotContain("gateway-token-value", "device-token-value");
    assertThat(user.toString()).doesNotContain("hash-value").contains("ada@example.com");
    assertThat(new IssuedToken("jwt-value", Duration.ofHours(1)).toString())
        .doesNotContain("jwt-value");
    assertThat(new EncryptedSecret("gAAAAAB-ciphertext").toString())
        .isEqualTo("EncryptedSecret[18 chars]");
  }
}
