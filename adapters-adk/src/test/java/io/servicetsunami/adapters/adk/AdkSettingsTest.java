package io.servicetsunami.adapters.adk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdkSettingsTest {

  @Test
  void readsTheEnvironmentWithDefaultsFittingTheTenMinuteStep() {
    AdkSettings settings =
        AdkSettings.fromEnvironment(Map.of("ADK_BASE_URL", "http://servicetsunami-adk"));

    assertThat(settings.baseUrl()).isEqualTo(URI.create("http://servicetsunami-adk"));
    assertThat(settings.appName()).isEqualTo(AdkSettings.DEFAULT_APP_NAME);
    assertThat(settings.runTimeout()).isLessThan(Duration.ofMinutes(10));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void environmentOverridesAppAndTimeouts() {
    AdkSettings settings =
        AdkSettings.fromEnvironment(
            Map.of(
                "ADK_BASE_URL", "https://adk.example:8443/",
                "ADK_APP_NAME", "supervisor",
                "ADK_RUN_TIMEOUT_SECONDS", "120",
                "ADK_REQUEST_TIMEOUT_SECONDS", "5",
                "ADK_CONNECT_TIMEOUT_SECONDS", "2"));

    assertThat(settings.appName()).isEqualTo("supervisor");
    assertThat(settings.runTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void rejectsAMissingOrNonHttpBaseUrl() {
    assertThatThrownBy(() -> AdkSettings.fromEnvironment(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ADK_BASE_URL");
    assertThatThrownBy(
            () -> AdkSettings.fromEnvironment(Map.of("ADK_BASE_URL", "ftp://servicetsunami-adk")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                AdkSettings.fromEnvironment(
                    Map.of("ADK_BASE_URL", "http://adk", "ADK_RUN_TIMEOUT_SECONDS", "soon")))
        .hasMessageContaining("ADK_RUN_TIMEOUT_SECONDS");
  }
}
