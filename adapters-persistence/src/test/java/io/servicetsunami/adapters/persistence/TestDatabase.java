package io.servicetsunami.adapters.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one PostgreSQL of a test JVM, started on first use and stopped when the JVM exits: the server
 * at {@code TEST_DATABASE_URL} when that is set, else an embedded server in a temporary directory.
 * Tests never clean up; every test works in tenants of its own.
 */
final class TestDatabase {

  private static PostgresPersistence shared;

  private TestDatabase() {}

  static synchronized PostgresPersistence shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** Whether the tests run against an external server ({@code TEST_DATABASE_URL}). */
  static boolean isExternal() {
    String url = System.getenv("TEST_DATABASE_URL");
    return url != null && !url.isBlank();
  }

  /**
   * A JDBC URL, with credentials, of database {@code database} on the shared server: for tests that
   * need a throwaway database.
   */
  static String jdbcUrlOf(String database) {
    DatabaseUrl url = shared().url();
    String jdbc = url.jdbcUrl();
    int slash = jdbc.indexOf('/', "jdbc:postgresql://".length());
    int query = jdbc.indexOf('?', slash);
    StringBuilder result =
        new StringBuilder(jdbc.substring(0, slash + 1)).append(database).append('?');
    if (query >= 0) {
      result.append(jdbc.substring(query + 1)).append('&');
    }
    url.user().ifPresent(user -> result.append("user=").append(encode(user)).append('&'));
    url.password().ifPresent(p -> result.append("password=").append(encode(p)).append('&'));
    result.setLength(result.length() - 1);
    return result.toString();
  }

  /** A fresh temporary directory; the caller deletes it with {@link #deleteRecursively}. */
  static Path temporaryDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path directory) {
    // zonky's own shutdown hook may still be stopping the server in there
    for (int i = 0; i < 100 && Files.exists(directory.resolve("postmaster.pid")); i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: a temporary directory
    }
  }

  private static PostgresPersistence start() {
    if (isExternal()) {
      PostgresPersistence persistence =
          PostgresPersistence.start(
              DatabaseSettings.external(System.getenv("TEST_DATABASE_URL")).withMaxPoolSize(24));
      Runtime.getRuntime().addShutdownHook(new Thread(persistence::close, "test-database-stop"));
      return persistence;
    }
    Path directory = temporaryDirectory("servicetsunami-it-pg-");
    // Durability costs time and buys nothing for a database that is thrown away.
    PostgresPersistence persistence =
        PostgresPersistence.start(
            DatabaseSettings.embedded(directory).withDurable(false).withMaxPoolSize(24));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  persistence.close();
                  deleteRecursively(directory);
                },
                "test-database-stop"));
    return persistence;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
