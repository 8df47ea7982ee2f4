package io.servicetsunami.adapters.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The embedded PostgreSQL server (zonky's binaries, linux-amd64), kept in a persistent data
 * directory: the first start runs {@code initdb} there, later starts reuse it. As root it runs
 * {@code initdb} and {@code pg_ctl} inside a user namespace ({@code unshare -U}), which must be
 * allowed on the machine. It listens on a free port on localhost only, with the superuser {@code
 * postgres} and {@code trust} authentication, and the control plane's data in database {@value
 * #DATABASE}.
 */
final class EmbeddedDatabase implements AutoCloseable {

  static final String DATABASE = "servicetsunami";
  private static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres server;
  private final Path dataDirectory;

  private EmbeddedDatabase(EmbeddedPostgres server, Path dataDirectory) {
    this.server = server;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts the server on {@code dataDirectory}, creating the directory and the database on the
   * first start.
   *
   * @param durable whether every commit is synced to disk; zonky, a test library, turns that off by
   *     default
   */
  static EmbeddedDatabase start(Path dataDirectory, boolean durable) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    EmbeddedPostgres server;
    try {
      Files.createDirectories(directory);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "localhost");
      if (durable) {
        builder
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on");
      } else {
        builder.setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off");
      }
      server = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the embedded PostgreSQL in "
              + directory
              + ": "
              + e.getMessage()
              + " (as root it needs user namespaces: check that `unshare -U id` works)",
          e);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "cannot start the embedded PostgreSQL in "
              + directory
              + ": "
              + e.getMessage()
              + " (is another process using this data directory?)",
          e);
    }
    try {
      createDatabaseIfMissing(server);
    } catch (SQLException e) {
      closeQuietly(server);
      throw new IllegalStateException("cannot create database " + DATABASE, e);
    }
    return new EmbeddedDatabase(server, directory);
  }

  DatabaseUrl url() {
    return DatabaseUrl.parse(server.getJdbcUrl(SUPERUSER, DATABASE));
  }

  Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the server; its data stays in the data directory. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    }
  }

  private static void createDatabaseIfMissing(EmbeddedPostgres server) throws SQLException {
    try (Connection connection = server.getPostgresDatabase().getConnection()) {
      boolean exists;
      try (PreparedStatement query =
          connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        query.setString(1, DATABASE);
        try (ResultSet rows = query.executeQuery()) {
          exists = rows.next();
        }
      }
      if (!exists) {
        try (Statement create = connection.createStatement()) {
          create.execute("CREATE DATABASE " + DATABASE);
        }
      }
    }
  }

  private static void closeQuietly(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException | RuntimeException ignored) {
      // already failing; the original error is the one to report
    }
  }
}
