package io.servicetsunami.adapters.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.adapters.temporal.TemporalSettings.Mode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemporalSettingsTest {

  @Test
  void withoutAnAddressTheServerIsEmbeddedOnPort7233() {
    TemporalSettings settings = TemporalSettings.fromEnvironment(Map.of());

    assertThat(settings.mode()).isEqualTo(Mode.EMBEDDED);
    assertThat(settings.embeddedPort()).isEqualTo(7233);
    assertThat(settings.namespace()).isEqualTo("default");
    assertThat(settings.approvalExpiry()).isEmpty();
  }

  @Test
  void anAddressMeansARemoteServerInTheGivenNamespace() {
    TemporalSettings settings =
        TemporalSettings.fromEnvironment(
            Map.of(
                "TEMPORAL_ADDRESS", "temporal:7233",
                "TEMPORAL_NAMESPACE", "tsunami",
                "TEMPORAL_API_KEY", "key-123-secret",
                "TASK_APPROVAL_EXPIRY", "PT72H"));

    assertThat(settings.mode()).isEqualTo(Mode.REMOTE);
    assertThat(settings.address()).hasValue("temporal:7233");
    assertThat(settings.namespace()).isEqualTo("tsunami");
    assertThat(settings.approvalExpiry()).hasValue(Duration.ofHours(72));
    assertThat(settings.toString()).doesNotContain("key-123-secret");
  }

  @Test
  void aBlankAddressIsNoAddress() {
    assertThat(TemporalSettings.fromEnvironment(Map.of("TEMPORAL_ADDRESS", " ")).mode())
        .isEqualTo(Mode.EMBEDDED);
  }

  @Test
  void rejectsAnExpiryThatIsNoDuration() {
    assertThatThrownBy(
            () -> TemporalSettings.fromEnvironment(Map.of("TASK_APPROVAL_EXPIRY", "3 days")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO-8601");
  }

  @Test
  void theRemoteModeReadsTlsAndApiKeyThroughTheSdkEnvironmentConfiguration() {
    TemporalSettings settings =
        TemporalSettings.fromEnvironment(
            Map.of("TEMPORAL_ADDRESS", "127.0.0.1:1", "TEMPORAL_API_KEY", "key-abc"));

    try (TemporalConnection connection = TemporalConnection.open(settings)) {
      assertThat(connection.target()).isEqualTo("127.0.0.1:1");
      // The SDK turns an API key into TLS plus a bearer header.
      assertThat(connection.stubs().getOptions().getEnableHttps()).isTrue();
      assertThat(connection.stubs().getOptions().getGrpcMetadataProviders()).isNotEmpty();
    }
  }
}
