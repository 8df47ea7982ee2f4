package io.servicetsunami.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.adapters.persistence.DatabaseSettings;
import io.servicetsunami.adapters.temporal.TemporalSettings;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.app.config.AppConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up and shutdown of the assembled app, with the real embedded database and Temporal. */
class AppLifecycleIT {

  @TempDir Path dataDir;

  @Test
  void aPartThatCannotStartStopsThePartsAlreadyRunning() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      AppLifecycle app = lifecycle(TemporalSettings.embedded(taken.getLocalPort()));

      assertThatThrownBy(app::start)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());

      // The database had started; it was stopped again, not left behind.
      assertThat(dataDir.resolve("postgres")).isDirectory();
      assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
    }
  }

  @Test
  void closingStopsHttpTemporalAndTheDatabase() throws Exception {
    int temporalPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      temporalPort = probe.getLocalPort();
    }
    AppLifecycle app = lifecycle(TemporalSettings.embedded(temporalPort));
    int port = app.start().port();
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build();
    assertThat(http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).exists();

    app.close();

    assertThatThrownBy(() -> http.send(ready, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
    assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
    // Temporal's port is free again: its server stopped.
    try (ServerSocket again = new ServerSocket(temporalPort, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(temporalPort);
    }
    // Closing twice is harmless (a shutdown hook after an explicit close).
    app.close();
  }

  private AppLifecycle lifecycle(TemporalSettings temporal) throws IOException {
    Files.createDirectories(dataDir);
    AppConfig config =
        AppConfig.fromEnvironment(
                Map.of("DATA_DIR", dataDir.toString(), "SECRET_KEY", "l".repeat(40), "PORT", "0"))
            .withDatabase(
                DatabaseSettings.embedded(dataDir.resolve("postgres")).withDurable(false));
    AdapterConfig adapters =
        AdapterConfig.fromEnvironment(Map.of(), dataDir, config.defaultLlmModel())
            .withTemporal(temporal);
    return AppComponent.create(config, adapters).lifecycle();
  }
}
