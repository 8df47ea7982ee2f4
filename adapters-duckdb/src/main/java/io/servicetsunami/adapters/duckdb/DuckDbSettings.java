package io.servicetsunami.adapters.duckdb;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the embedded lakehouse keeps its data and how it stages rows.
 *
 * @param databaseFile the DuckDB file (default {@code ./data/lakehouse.duckdb}); created with its
 *     directory on first use, and kept across restarts
 * @param batchRows how many rows a staging sink holds in memory before it appends them to the
 *     staging table (default {@value #DEFAULT_BATCH_ROWS}); it bounds the memory one load takes
 * @param maxFileBytes the largest file {@code stageFile} accepts (default 1 GiB); a larger upload
 *     is refused with {@code invalid_input} before DuckDB reads it
 */
public record DuckDbSettings(Path databaseFile, int batchRows, long maxFileBytes) {

  public static final int DEFAULT_BATCH_ROWS = 10_000;
  public static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;

  /** {@code ./data/lakehouse.duckdb}, the database file unless configured. */
  public static final Path DEFAULT_DATABASE_FILE = Path.of("data", "lakehouse.duckdb");

  public DuckDbSettings {
    requireNonNull(databaseFile, "databaseFile is null");
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be at least 1: " + batchRows);
    }
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
    }
  }

  /** The database file {@code lakehouse.duckdb} in {@code dataDirectory}, with default limits. */
  public static DuckDbSettings inDirectory(Path dataDirectory) {
    requireNonNull(dataDirectory, "dataDirectory is null");
    return new DuckDbSettings(
        dataDirectory.resolve("lakehouse.duckdb"), DEFAULT_BATCH_ROWS, DEFAULT_MAX_FILE_BYTES);
  }

  /** The defaults: {@code ./data/lakehouse.duckdb}. */
  public static DuckDbSettings defaults() {
    return new DuckDbSettings(DEFAULT_DATABASE_FILE, DEFAULT_BATCH_ROWS, DEFAULT_MAX_FILE_BYTES);
  }

  /**
   * Settings from environment variables: {@code DATA_DIR} (the file is {@code
   * $DATA_DIR/lakehouse.duckdb}; default {@code ./data}) and {@code LAKEHOUSE_MAX_FILE_BYTES}.
   */
  public static DuckDbSettings fromEnvironment(Map<String, String> env) {
    requireNonNull(env, "env is null");
    DuckDbSettings settings =
        Optional.ofNullable(env.get("DATA_DIR"))
            .filter(dir -> !dir.isBlank())
            .map(dir -> inDirectory(Path.of(dir.strip())))
            .orElseGet(DuckDbSettings::defaults);
    String maxBytes = env.get("LAKEHOUSE_MAX_FILE_BYTES");
    if (maxBytes != null && !maxBytes.isBlank()) {
      try {
        settings = settings.withMaxFileBytes(Long.parseLong(maxBytes.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "LAKEHOUSE_MAX_FILE_BYTES is not a number: " + maxBytes, e);
      }
    }
    return settings;
  }

  public DuckDbSettings withBatchRows(int rows) {
    return new DuckDbSettings(databaseFile, rows, maxFileBytes);
  }

  public DuckDbSettings withMaxFileBytes(long bytes) {
    return new DuckDbSettings(databaseFile, batchRows, bytes);
  }

  /** Where uploads wait while DuckDB reads them: next to the database file. */
  Path uploadDirectory() {
    Path parent = databaseFile.toAbsolutePath().getParent();
    return parent.resolve("lakehouse-uploads");
  }
}
