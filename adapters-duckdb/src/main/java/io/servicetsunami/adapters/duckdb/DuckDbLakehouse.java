package io.servicetsunami.adapters.duckdb;

import static io.servicetsunami.adapters.duckdb.Identifiers.quote;
import static io.servicetsunami.ports.out.LakehouseNames.LOADED_AT;
import static io.servicetsunami.ports.out.LakehouseNames.LOAD_ID;
import static io.servicetsunami.ports.out.LakehouseNames.LOAD_SEQ;
import static io.servicetsunami.ports.out.LakehouseNames.ROW_SEQ;
import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.DatasetFormat;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.Lakehouse;
import io.servicetsunami.ports.out.LakehouseNames;
import io.servicetsunami.ports.out.RowSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * The embedded lakehouse: one DuckDB file (by default {@code ./data/lakehouse.duckdb}) holding
 * every tenant's bronze and silver tables.
 *
 * <h2>Layout</h2>
 *
 * Each tenant has three schemas named after its id without dashes ({@code <hex>}):
 *
 * <ul>
 *   <li>{@code t_<hex>_bronze} — one table per landed table, every committed load appended with its
 *       metadata: {@code _load_id}, {@code _load_seq} (1, 2, 3… per table, in commit order, so that
 *       "the latest load" is well defined), {@code _loaded_at} and {@code _row_seq} (the row's
 *       position within its load). Its {@code _loads} table records each committed load once
 *       ({@code table_name, load_id, load_seq, loaded_at, row_count}); it is what makes a commit
 *       idempotent.
 *   <li>{@code t_<hex>_silver} — one table per landed table: the data columns plus {@code _load_id}
 *       and {@code _loaded_at} of the version kept.
 *   <li>{@code t_<hex>_staging} — one table per load being staged, {@code <table>__<hash of the
 *       load id>}, dropped when the load is committed; {@code _staging} records each load's staging
 *       state ({@code open} while a sink may still hold rows, {@code complete} after a file).
 * </ul>
 *
 * Table names are plain lower-case identifiers and column names are always quoted; see {@link
 * Identifiers}. A {@link TableInfo#qualifiedName()} is {@code schema.table}.
 *
 * <h2>Silver</h2>
 *
 * {@link #mergeToSilver} rebuilds the silver table from bronze in one {@code CREATE OR REPLACE
 * TABLE … AS SELECT}: per primary key the row of the highest {@code _load_seq}, and within that
 * load the highest {@code _row_seq} (the last row wins); then rows whose deleted flag is true are
 * left out, so a key whose latest version is a delete disappears. Without a primary key silver is
 * the latest committed load. The rebuild reads all of bronze: simple and idempotent by
 * construction, at a cost proportional to the table's history.
 *
 * <h2>Concurrency</h2>
 *
 * DuckDB allows one read-write process per file (it locks the file), so this class is the only
 * writer; a second instance on the same file in this process is refused. Writes to one table —
 * staging a batch, committing a load, merging silver — are serialised by a lock per tenant table,
 * so they never conflict with each other; writes to different tables run in parallel on their own
 * connections and DuckDB's MVCC keeps them apart (schemas are created under one lock). Reads need
 * no lock. All methods are thread-safe.
 */
public final class DuckDbLakehouse implements Lakehouse, AutoCloseable {

  /** Database files opened by an instance in this process. */
  private static final Set<Path> OPEN_FILES = ConcurrentHashMap.newKeySet();

  private static final String LOADS = "_loads";
  private static final String STAGING_STATES = "_staging";
  private static final String OPEN = "open";
  private static final String COMPLETE = "complete";

  /** What one load stages into. */
  record Staging(TenantId tenant, String table, String loadId, String schema, String stagingTable) {

    String lockKey() {
      return schema + "." + table;
    }
  }

  private final DuckDbSettings settings;
  private final Clock clock;
  private final Path file;
  private final DuckDBConnection root;
  private final ConcurrentMap<String, ReentrantLock> tableLocks = new ConcurrentHashMap<>();
  private final Object schemaLock = new Object();
  private final Set<String> readySchemas = ConcurrentHashMap.newKeySet();
  private final ConcurrentMap<Staging, DuckDbStagingSink> openSinks = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public DuckDbLakehouse(DuckDbSettings settings) {
    this(settings, Instant::now);
  }

  /**
   * Opens (creating if needed) the database file.
   *
   * @throws IllegalStateException if another instance in this process has the file open
   * @throws TransientException {@code lakehouse_unavailable} if the file cannot be opened, e.g.
   *     because another process holds it
   */
  public DuckDbLakehouse(DuckDbSettings settings, Clock clock) {
    this.settings = requireNonNull(settings, "settings is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.file = settings.databaseFile().toAbsolutePath().normalize();
    if (!OPEN_FILES.add(file)) {
      throw new IllegalStateException(
          "the lakehouse " + file + " is already open in this process; share that instance");
    }
    try {
      Files.createDirectories(file.getParent());
      removeLeftOverUploads(settings.uploadDirectory());
      this.root =
          (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:" + file, new Properties());
    } catch (IOException e) {
      OPEN_FILES.remove(file);
      throw DuckDbErrors.io(e, "creating " + file.getParent());
    } catch (SQLException e) {
      OPEN_FILES.remove(file);
      throw DuckDbErrors.translate(e, "opening " + file);
    }
  }

  // ---- staging
  // -----------------------------------------------------------------------------------

  @Override
  public RowSink openStaging(Load load) {
    requireNonNull(load, "load is null");
    Staging staging = staging(load);
    ensureSchemas(load.tenantId());
    discardOpenSink(staging);
    DuckDbStagingSink sink = new DuckDbStagingSink(this, staging, settings.batchRows());
    withTable(
        staging,
        "opening the staging of load " + load.loadId(),
        connection -> {
          dropStagingTable(connection, staging);
          recordStagingState(connection, staging, OPEN);
          return null;
        });
    openSinks.put(staging, sink);
    return sink;
  }

  /**
   * Copies {@code content} to a file next to the database and lets DuckDB's own reader land it in
   * the staging table: {@code read_csv} (a header line is required; column types are detected from
   * the whole file), {@code read_json} (an array of objects or one object per line; nested values
   * become STRUCT and LIST columns) or {@code read_parquet}.
   *
   * @throws InvalidInputException {@code unsupported_format} if DuckDB cannot read the file as
   *     {@code format} (or it is empty); {@code invalid_input} if it is larger than the configured
   *     limit or a column name is not allowed
   */
  @Override
  public long stageFile(Load load, DatasetFormat format, InputStream content) {
    requireNonNull(load, "load is null");
    requireNonNull(format, "format is null");
    requireNonNull(content, "content is null");
    Staging staging = staging(load);
    Path upload = copyUpload(content, format);
    try {
      ensureSchemas(load.tenantId());
      discardOpenSink(staging);
      return withTable(
          staging,
          "staging a file for load " + load.loadId(),
          connection -> {
            dropStagingTable(connection, staging);
            String reader =
                switch (format) {
                  case CSV -> "read_csv(?, header = true, sample_size = -1)";
                  case JSON -> "read_json(?, format = 'auto', records = 'true')";
                  case PARQUET -> "read_parquet(?)";
                };
            try {
              execute(
                  connection,
                  "CREATE TABLE " + stagingName(staging) + " AS SELECT * FROM " + reader,
                  upload.toString());
            } catch (SQLException e) {
              throw DuckDbErrors.unreadable(e, format.name(), upload.toString());
            }
            LakehouseNames.columns(columnsOf(connection, staging.schema(), staging.stagingTable()));
            recordStagingState(connection, staging, COMPLETE);
            return queryLong(connection, "SELECT count(*) FROM " + stagingName(staging));
          });
    } finally {
      try {
        Files.deleteIfExists(upload);
      } catch (IOException e) {
        // A left-over upload is removed when the lakehouse is next opened.
      }
    }
  }

  // ---- bronze
  // ------------------------------------------------------------------------------------

  /**
   * Appends the staged rows to bronze with their load metadata and records the load, in one
   * transaction; then drops the staging table. A load already recorded is not appended again.
   *
   * @throws PermanentException if nothing was staged for the load, or its staging was interrupted
   *     (the process stopped before the sink's last rows were written): stage it again
   */
  @Override
  public TableInfo commitToBronze(Load load) {
    requireNonNull(load, "load is null");
    Staging staging = staging(load);
    ensureSchemas(load.tenantId());
    DuckDbStagingSink sink = openSinks.get(staging);
    boolean sinkReady = sink != null && sink.finish();
    String bronze = qualified(bronzeSchema(load.tenantId()), staging.table());
    TableInfo info =
        withTable(
            staging,
            "committing load " + load.loadId() + " to bronze",
            connection -> {
              if (isCommitted(connection, staging)) {
                return bronzeInfo(connection, staging);
              }
              Optional<String> state = stagingState(connection, staging);
              boolean hasTable = tableExists(connection, staging.schema(), staging.stagingTable());
              if (state.isEmpty() || !hasTable) {
                throw new PermanentException(
                    ErrorCode.INTERNAL,
                    "nothing is staged for load " + load.loadId() + " of table " + load.table());
              }
              if (state.get().equals(OPEN) && !(sinkReady && openSinks.get(staging) == sink)) {
                throw new PermanentException(
                    ErrorCode.INTERNAL,
                    "the staging of load "
                        + load.loadId()
                        + " of table "
                        + load.table()
                        + " was interrupted before all its rows were written; stage it again");
              }
              String schema = bronzeSchema(load.tenantId());
              String stagingTable = stagingName(staging);
              long rows = queryLong(connection, "SELECT count(*) FROM " + stagingTable);
              long sequence =
                  queryLong(
                      connection,
                      "SELECT coalesce(max(load_seq), 0) + 1 FROM "
                          + qualified(schema, LOADS)
                          + " WHERE table_name = ?",
                      staging.table());
              OffsetDateTime loadedAt = OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC);
              String withMetadata =
                  "SELECT *, CAST(? AS VARCHAR) AS "
                      + quote(LOAD_ID)
                      + ", CAST(? AS BIGINT) AS "
                      + quote(LOAD_SEQ)
                      + ", CAST(? AS TIMESTAMPTZ) AS "
                      + quote(LOADED_AT)
                      + ", rowid AS "
                      + quote(ROW_SEQ)
                      + " FROM "
                      + stagingTable;
              if (!tableExists(connection, schema, staging.table())) {
                execute(
                    connection,
                    "CREATE TABLE " + bronze + " AS " + withMetadata,
                    load.loadId(),
                    sequence,
                    loadedAt);
              } else if (hasNewColumns(connection, staging, schema)) {
                // A column the source added: widen bronze once; older loads read NULL in it.
                execute(
                    connection,
                    "CREATE OR REPLACE TABLE "
                        + bronze
                        + " AS SELECT * FROM "
                        + bronze
                        + " UNION ALL BY NAME "
                        + withMetadata,
                    load.loadId(),
                    sequence,
                    loadedAt);
              } else {
                execute(
                    connection,
                    "INSERT INTO " + bronze + " BY NAME " + withMetadata,
                    load.loadId(),
                    sequence,
                    loadedAt);
              }
              execute(
                  connection,
                  "INSERT INTO "
                      + qualified(schema, LOADS)
                      + " (table_name, load_id, load_seq, loaded_at, row_count)"
                      + " VALUES (?, ?, ?, ?, ?)",
                  staging.table(),
                  load.loadId(),
                  sequence,
                  loadedAt,
                  rows);
              forgetStaging(connection, staging);
              return bronzeInfo(connection, staging);
            });
    if (sink != null) {
      openSinks.remove(staging, sink);
    }
    return info;
  }

  // ---- silver
  // ------------------------------------------------------------------------------------

  @Override
  public TableInfo mergeToSilver(
      TenantId tenant, String table, List<String> primaryKey, Optional<String> deletedFlagColumn) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(primaryKey, "primaryKey is null");
    requireNonNull(deletedFlagColumn, "deletedFlagColumn is null");
    String name = LakehouseNames.table(table);
    primaryKey.forEach(LakehouseNames::column);
    deletedFlagColumn.ifPresent(LakehouseNames::column);
    ensureSchemas(tenant);
    Staging anyLoad = new Staging(tenant, name, "", stagingSchema(tenant), "");
    String bronzeSchema = bronzeSchema(tenant);
    String bronze = qualified(bronzeSchema, name);
    String silver = qualified(silverSchema(tenant), name);
    return withTable(
        anyLoad,
        "merging " + bronzeSchema + "." + name + " to silver",
        connection -> {
          if (!tableExists(connection, bronzeSchema, name)) {
            throw new PermanentException(
                ErrorCode.INTERNAL,
                "there is no bronze table "
                    + bronzeSchema
                    + "."
                    + name
                    + " to merge: commit a load first");
          }
          List<String> data = new ArrayList<>(columnsOf(connection, bronzeSchema, name));
          data.removeIf(c -> LakehouseNames.METADATA_COLUMNS.contains(c.toLowerCase(Locale.ROOT)));
          List<String> keys = new ArrayList<>();
          for (String key : primaryKey) {
            keys.add(resolve(data, key, "primary key", bronzeSchema + "." + name));
          }
          Optional<String> deleted =
              deletedFlagColumn.map(
                  c -> resolve(data, c, "deleted flag", bronzeSchema + "." + name));
          String latest;
          if (keys.isEmpty()) {
            long sequence =
                queryLong(
                    connection,
                    "SELECT coalesce(max(load_seq), 0) FROM "
                        + qualified(bronzeSchema, LOADS)
                        + " WHERE table_name = ?",
                    name);
            latest = "SELECT * FROM " + bronze + " WHERE " + quote(LOAD_SEQ) + " = " + sequence;
          } else {
            latest =
                "SELECT * FROM "
                    + bronze
                    + " QUALIFY row_number() OVER (PARTITION BY "
                    + keys.stream().map(Identifiers::quote).collect(Collectors.joining(", "))
                    + " ORDER BY "
                    + quote(LOAD_SEQ)
                    + " DESC, "
                    + quote(ROW_SEQ)
                    + " DESC) = 1";
          }
          String columns =
              data.stream().map(Identifiers::quote).collect(Collectors.joining(", "))
                  + ", "
                  + quote(LOAD_ID)
                  + ", "
                  + quote(LOADED_AT);
          String notDeleted =
              deleted
                  .map(c -> " WHERE NOT coalesce(TRY_CAST(" + quote(c) + " AS BOOLEAN), false)")
                  .orElse("");
          execute(
              connection,
              "CREATE OR REPLACE TABLE "
                  + silver
                  + " AS SELECT "
                  + columns
                  + " FROM ("
                  + latest
                  + ") AS latest"
                  + notDeleted);
          return new TableInfo(
              silverSchema(tenant) + "." + name,
              queryLong(connection, "SELECT count(*) FROM " + silver));
        });
  }

  @Override
  public Optional<TableInfo> describeSilver(TenantId tenant, String table) {
    requireNonNull(tenant, "tenant is null");
    String name = LakehouseNames.table(table);
    String schema = silverSchema(tenant);
    try (Connection connection = connect()) {
      if (!tableExists(connection, schema, name)) {
        return Optional.empty();
      }
      return Optional.of(
          new TableInfo(
              schema + "." + name,
              queryLong(connection, "SELECT count(*) FROM " + qualified(schema, name))));
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, "describing silver table " + schema + "." + name);
    }
  }

  /** Closes the database; open sinks are discarded. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    openSinks.values().forEach(DuckDbStagingSink::discard);
    openSinks.clear();
    try {
      root.close();
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, "closing " + file);
    } finally {
      OPEN_FILES.remove(file);
    }
  }

  // ---- for the sink
  // ------------------------------------------------------------------------------

  void createStagingTable(Staging staging, List<Column> columns) {
    String definition =
        columns.stream()
            .map(c -> quote(c.name()) + " " + duckDbType(c.type()))
            .collect(Collectors.joining(", "));
    withTable(
        staging,
        "creating the staging table of load " + staging.loadId(),
        connection -> {
          dropStagingTable(connection, staging);
          execute(connection, "CREATE TABLE " + stagingName(staging) + " (" + definition + ")");
          return null;
        });
  }

  /**
   * Opens the writer of a load's staging table: one connection, one appender, one transaction for
   * all the load's rows, committed when the sink finishes. DuckDB's appender flushes every chunk
   * (2,048 rows) into the table, and outside a transaction each flush is a commit that syncs the
   * write-ahead log; one transaction per load made staging several times faster (see the PostgreSQL
   * → bronze benchmark). The staging table belongs to this one load, so no other writer conflicts
   * with the long transaction; the rows become visible only at its commit, which is what a commit
   * to bronze requires anyway.
   */
  StagingWriter openStagingWriter(Staging staging) {
    DuckDBConnection connection = null;
    try {
      connection = connect();
      connection.setAutoCommit(false);
      return new StagingWriter(
          staging, connection, connection.createAppender(staging.schema(), staging.stagingTable()));
    } catch (SQLException e) {
      if (connection != null) {
        StagingWriter.closeQuietly(connection);
      }
      throw DuckDbErrors.translate(e, "opening the staging of load " + staging.loadId());
    }
  }

  /**
   * Appends the rows of one load; used by one thread at a time (the sink's appender thread), as
   * DuckDB connections are not thread-safe.
   */
  static final class StagingWriter {
    private final Staging staging;
    private final DuckDBConnection connection;
    private final DuckDBAppender appender;

    private StagingWriter(Staging staging, DuckDBConnection connection, DuckDBAppender appender) {
      this.staging = staging;
      this.connection = connection;
      this.appender = appender;
    }

    void append(List<Object[]> rows) {
      try {
        for (Object[] row : rows) {
          appender.beginRow();
          for (Object value : row) {
            DuckDbLakehouse.append(appender, value);
          }
          appender.endRow();
        }
      } catch (SQLException e) {
        throw DuckDbErrors.translate(e, "staging rows of load " + staging.loadId());
      }
    }

    /** Writes the last rows and commits them all. */
    void commit() {
      try {
        appender.close();
        connection.commit();
      } catch (SQLException e) {
        rollbackQuietly(connection);
        throw DuckDbErrors.translate(e, "staging rows of load " + staging.loadId());
      } finally {
        closeQuietly(connection);
      }
    }

    /** Throws the rows away. */
    void abandon() {
      try {
        appender.close();
      } catch (SQLException ignored) {
        // rolled back below
      }
      rollbackQuietly(connection);
      closeQuietly(connection);
    }

    static void closeQuietly(Connection connection) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // nothing more to do with it
      }
    }
  }

  /** A connection of this database for tests to look inside; the caller closes it. */
  DuckDBConnection connect() throws SQLException {
    if (closed) {
      throw new IllegalStateException("the lakehouse " + file + " is closed");
    }
    return root.duplicate();
  }

  // ---- internals
  // ---------------------------------------------------------------------------------

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in one transaction, holding the lock of the staging's table. */
  private <T> T withTable(Staging staging, String what, Work<T> work) {
    lock(staging);
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection);
        throw e;
      }
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, what);
    } finally {
      unlock(staging);
    }
  }

  private void lock(Staging staging) {
    tableLocks.computeIfAbsent(staging.lockKey(), key -> new ReentrantLock()).lock();
  }

  private void unlock(Staging staging) {
    tableLocks.get(staging.lockKey()).unlock();
  }

  private void ensureSchemas(TenantId tenant) {
    String bronze = bronzeSchema(tenant);
    if (readySchemas.contains(bronze)) {
      return;
    }
    synchronized (schemaLock) {
      if (readySchemas.contains(bronze)) {
        return;
      }
      try (Connection connection = connect()) {
        connection.setAutoCommit(false);
        for (String schema : List.of(bronze, silverSchema(tenant), stagingSchema(tenant))) {
          execute(connection, "CREATE SCHEMA IF NOT EXISTS " + quote(schema));
        }
        execute(
            connection,
            "CREATE TABLE IF NOT EXISTS "
                + qualified(bronze, LOADS)
                + " (table_name VARCHAR NOT NULL, load_id VARCHAR NOT NULL,"
                + " load_seq BIGINT NOT NULL, loaded_at TIMESTAMPTZ NOT NULL,"
                + " row_count BIGINT NOT NULL)");
        execute(
            connection,
            "CREATE TABLE IF NOT EXISTS "
                + qualified(stagingSchema(tenant), STAGING_STATES)
                + " (table_name VARCHAR NOT NULL, load_id VARCHAR NOT NULL,"
                + " staging_table VARCHAR NOT NULL, state VARCHAR NOT NULL)");
        connection.commit();
      } catch (SQLException e) {
        throw DuckDbErrors.translate(e, "creating the schemas of tenant " + tenant);
      }
      readySchemas.add(bronze);
    }
  }

  private void discardOpenSink(Staging staging) {
    DuckDbStagingSink previous = openSinks.remove(staging);
    if (previous != null) {
      previous.discard();
    }
  }

  private Path copyUpload(InputStream content, DatasetFormat format) {
    Path directory = settings.uploadDirectory();
    Path upload;
    try {
      Files.createDirectories(directory);
      upload = Files.createTempFile(directory, "upload-", "." + format.wire());
    } catch (IOException e) {
      throw DuckDbErrors.io(e, "preparing an upload in " + directory);
    }
    try (OutputStream out = Files.newOutputStream(upload)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
        total += read;
        if (total > settings.maxFileBytes()) {
          throw new InvalidInputException(
              ErrorCode.INVALID_INPUT,
              "the file is larger than the lakehouse accepts ("
                  + settings.maxFileBytes()
                  + " bytes)");
        }
        out.write(buffer, 0, read);
      }
      if (total == 0) {
        throw new InvalidInputException(
            ErrorCode.UNSUPPORTED_FORMAT, "the file is empty: nothing to read as " + format.name());
      }
      return upload;
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(upload);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw DuckDbErrors.io((IOException) e, "copying an upload");
    }
  }

  /** Uploads of a process that stopped while DuckDB read them. */
  private static void removeLeftOverUploads(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (var uploads = Files.newDirectoryStream(directory, "upload-*")) {
      for (Path upload : uploads) {
        Files.deleteIfExists(upload);
      }
    }
  }

  private boolean isCommitted(Connection connection, Staging staging) throws SQLException {
    return queryLong(
            connection,
            "SELECT count(*) FROM "
                + qualified(bronzeSchema(staging.tenant()), LOADS)
                + " WHERE table_name = ? AND load_id = ?",
            staging.table(),
            staging.loadId())
        > 0;
  }

  private TableInfo bronzeInfo(Connection connection, Staging staging) throws SQLException {
    String schema = bronzeSchema(staging.tenant());
    return new TableInfo(
        schema + "." + staging.table(),
        queryLong(connection, "SELECT count(*) FROM " + qualified(schema, staging.table())));
  }

  private boolean hasNewColumns(Connection connection, Staging staging, String bronzeSchema)
      throws SQLException {
    Set<String> existing =
        columnsOf(connection, bronzeSchema, staging.table()).stream()
            .map(c -> c.toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    return columnsOf(connection, staging.schema(), staging.stagingTable()).stream()
        .anyMatch(c -> !existing.contains(c.toLowerCase(Locale.ROOT)));
  }

  private Optional<String> stagingState(Connection connection, Staging staging)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT state FROM "
                + qualified(staging.schema(), STAGING_STATES)
                + " WHERE table_name = ? AND load_id = ?")) {
      statement.setString(1, staging.table());
      statement.setString(2, staging.loadId());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  private void recordStagingState(Connection connection, Staging staging, String state)
      throws SQLException {
    execute(
        connection,
        "DELETE FROM "
            + qualified(staging.schema(), STAGING_STATES)
            + " WHERE table_name = ? AND load_id = ?",
        staging.table(),
        staging.loadId());
    execute(
        connection,
        "INSERT INTO "
            + qualified(staging.schema(), STAGING_STATES)
            + " (table_name, load_id, staging_table, state) VALUES (?, ?, ?, ?)",
        staging.table(),
        staging.loadId(),
        staging.stagingTable(),
        state);
  }

  private static void dropStagingTable(Connection connection, Staging staging) throws SQLException {
    execute(connection, "DROP TABLE IF EXISTS " + stagingName(staging));
  }

  /** Drops the staging table and its state: the load is committed. */
  private static void forgetStaging(Connection connection, Staging staging) throws SQLException {
    dropStagingTable(connection, staging);
    execute(
        connection,
        "DELETE FROM "
            + qualified(staging.schema(), STAGING_STATES)
            + " WHERE table_name = ? AND load_id = ?",
        staging.table(),
        staging.loadId());
  }

  private static String resolve(List<String> columns, String wanted, String role, String table) {
    return columns.stream()
        .filter(c -> c.equalsIgnoreCase(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    ErrorCode.INVALID_INPUT,
                    role
                        + " column "
                        + LakehouseNames.printable(wanted)
                        + " is not a column of "
                        + table));
  }

  private static boolean tableExists(Connection connection, String schema, String table)
      throws SQLException {
    return queryLong(
            connection,
            "SELECT count(*) FROM duckdb_tables()"
                + " WHERE database_name = current_database() AND schema_name = ? AND table_name = ?",
            schema,
            table)
        > 0;
  }

  private static List<String> columnsOf(Connection connection, String schema, String table)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database()"
                + " AND schema_name = ? AND table_name = ? ORDER BY column_index")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      List<String> columns = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1));
        }
      }
      return columns;
    }
  }

  private static void execute(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      statement.execute();
    }
  }

  private static long queryLong(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  private static void append(DuckDBAppender appender, Object value) throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else if (value instanceof String text) {
      appender.append(text);
    } else if (value instanceof Long number) {
      appender.append(number.longValue());
    } else if (value instanceof Double number) {
      appender.append(number.doubleValue());
    } else if (value instanceof BigDecimal decimal) {
      appender.append(decimal);
    } else if (value instanceof Boolean flag) {
      appender.append(flag.booleanValue());
    } else if (value instanceof LocalDate date) {
      appender.append(date);
    } else if (value instanceof Instant instant) {
      appender.appendEpochMicros(
          Math.addExact(
              Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000));
    } else if (value instanceof byte[] bytes) {
      appender.append(bytes);
    } else {
      throw new IllegalStateException("no appender for " + value.getClass());
    }
  }

  private static String duckDbType(Column.ColumnType type) {
    return switch (type) {
      case STRING -> "VARCHAR";
      case LONG -> "BIGINT";
      case DOUBLE -> "DOUBLE";
      case DECIMAL -> "DECIMAL(38, " + DuckDbStagingSink.DECIMAL_SCALE + ")";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMPTZ";
      case BYTES -> "BLOB";
      case JSON -> "JSON";
    };
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The transaction is lost with the connection either way.
    }
  }

  private Staging staging(Load load) {
    requireOpen();
    String table = LakehouseNames.table(load.table());
    return new Staging(
        load.tenantId(),
        table,
        load.loadId(),
        stagingSchema(load.tenantId()),
        table + "__" + digest(load.loadId()));
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the lakehouse " + file + " is closed");
    }
  }

  private static String stagingName(Staging staging) {
    return qualified(staging.schema(), staging.stagingTable());
  }

  private static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  static String bronzeSchema(TenantId tenant) {
    return tenantPrefix(tenant) + "_bronze";
  }

  static String silverSchema(TenantId tenant) {
    return tenantPrefix(tenant) + "_silver";
  }

  static String stagingSchema(TenantId tenant) {
    return tenantPrefix(tenant) + "_staging";
  }

  private static String tenantPrefix(TenantId tenant) {
    return "t_" + tenant.value().toString().replace("-", "");
  }

  /** 16 hex digits of the load id's SHA-256: a staging table name whatever the id contains. */
  private static String digest(String loadId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(loadId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "DuckDbLakehouse[" + file + "]";
  }
}
