package io.servicetsunami.adapters.connectors;

import io.servicetsunami.ports.model.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * One real PostgreSQL (zonky's embedded binaries, bound to loopback) for the whole test JVM,
 * started on first use and stopped when the JVM exits.
 */
final class SharedPostgres {

  private static EmbeddedPostgres server;

  private SharedPostgres() {}

  static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "could not start the embedded PostgreSQL (zonky); it needs unprivileged user"
                + " namespaces when run as root (unshare -U)",
            e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // the JVM is going away
                    }
                  }));
    }
    return server;
  }

  static int port() {
    return server().getPort();
  }

  /** Connection settings as the credential vault hands them to the connector. */
  static Map<String, Secret> connection() {
    return Map.of(
        "url", Secret.of("jdbc:postgresql://127.0.0.1:" + port() + "/postgres"),
        "user", Secret.of("postgres"),
        "password", Secret.of("postgres"));
  }

  static void execute(String... statements) {
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
