package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where the database is and how to use it.
 *
 * @param databaseUrl an external PostgreSQL server ({@code jdbc:postgresql://…} or {@code
 *     postgresql://user:password@host:port/db}); empty for the embedded server
 * @param dataDirectory where the embedded server keeps its data; it survives restarts. Unused with
 *     an external server
 * @param maxPoolSize the most connections the pool opens (default {@value #DEFAULT_POOL_SIZE})
 * @param connectionTimeout how long a call waits for a free connection before it fails with {@code
 *     database_unavailable} (default 10 s)
 * @param startupTimeout how long start-up waits for the server to accept connections (default 30
 *     s), so that the control plane and a just-started database may come up together
 * @param durable whether the embedded server syncs every commit to disk (default). Only throwaway
 *     test databases turn it off. An external server is configured by its operator
 */
public record DatabaseSettings(
    Optional<String> databaseUrl,
    Path dataDirectory,
    int maxPoolSize,
    Duration connectionTimeout,
    Duration startupTimeout,
    boolean durable) {

  public static final int DEFAULT_POOL_SIZE = 10;

  /** {@code ./data/postgres}, the embedded server's data directory unless configured. */
  public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data", "postgres");

  public DatabaseSettings {
    requireNonNull(databaseUrl, "databaseUrl is null");
    databaseUrl = databaseUrl.map(String::strip).filter(url -> !url.isEmpty());
    requireNonNull(dataDirectory, "dataDirectory is null");
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be at least 1: " + maxPoolSize);
    }
    requirePositive(connectionTimeout, "connectionTimeout");
    requirePositive(startupTimeout, "startupTimeout");
    // Fail now, with a message that names the accepted forms, rather than at start-up.
    databaseUrl.ifPresent(DatabaseUrl::parse);
  }

  /** The embedded server keeping its data in {@code dataDirectory}. */
  public static DatabaseSettings embedded(Path dataDirectory) {
    return new DatabaseSettings(
        Optional.empty(),
        dataDirectory,
        DEFAULT_POOL_SIZE,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        true);
  }

  /** The external server at {@code databaseUrl}. */
  public static DatabaseSettings external(String databaseUrl) {
    return embedded(DEFAULT_DATA_DIRECTORY)
        .withDatabaseUrl(Optional.of(requireNonNull(databaseUrl, "databaseUrl is null")));
  }

  /**
   * Settings from environment variables: {@code DATABASE_URL} (unset or blank: embedded), {@code
   * DATA_DIR} (the embedded server uses {@code $DATA_DIR/postgres}; default {@code ./data}) and
   * {@code DATABASE_POOL_SIZE}.
   */
  public static DatabaseSettings fromEnvironment(Map<String, String> env) {
    requireNonNull(env, "env is null");
    Path dataDirectory =
        Optional.ofNullable(env.get("DATA_DIR"))
            .filter(dir -> !dir.isBlank())
            .map(dir -> Path.of(dir, "postgres"))
            .orElse(DEFAULT_DATA_DIRECTORY);
    DatabaseSettings settings =
        embedded(dataDirectory).withDatabaseUrl(Optional.ofNullable(env.get("DATABASE_URL")));
    String poolSize = env.get("DATABASE_POOL_SIZE");
    if (poolSize != null && !poolSize.isBlank()) {
      try {
        settings = settings.withMaxPoolSize(Integer.parseInt(poolSize.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("DATABASE_POOL_SIZE is not a number: " + poolSize, e);
      }
    }
    return settings;
  }

  public DatabaseSettings withDatabaseUrl(Optional<String> url) {
    return new DatabaseSettings(
        url, dataDirectory, maxPoolSize, connectionTimeout, startupTimeout, durable);
  }

  public DatabaseSettings withMaxPoolSize(int size) {
    return new DatabaseSettings(
        databaseUrl, dataDirectory, size, connectionTimeout, startupTimeout, durable);
  }

  public DatabaseSettings withConnectionTimeout(Duration timeout) {
    return new DatabaseSettings(
        databaseUrl, dataDirectory, maxPoolSize, timeout, startupTimeout, durable);
  }

  public DatabaseSettings withStartupTimeout(Duration timeout) {
    return new DatabaseSettings(
        databaseUrl, dataDirectory, maxPoolSize, connectionTimeout, timeout, durable);
  }

  public DatabaseSettings withDurable(boolean value) {
    return new DatabaseSettings(
        databaseUrl, dataDirectory, maxPoolSize, connectionTimeout, startupTimeout, value);
  }

  /** Whether these settings start the embedded server. */
  public boolean isEmbedded() {
    return databaseUrl.isEmpty();
  }

  @Override
  public String toString() {
    return "DatabaseSettings["
        + databaseUrl.map(DatabaseUrl::redacted).orElse("embedded in " + dataDirectory)
        + ", maxPoolSize="
        + maxPoolSize
        + ", connectionTimeout="
        + connectionTimeout
        + ", startupTimeout="
        + startupTimeout
        + ", durable="
        + durable
        + "]";
  }

  private static void requirePositive(Duration duration, String name) {
    requireNonNull(duration, name + " is null");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
