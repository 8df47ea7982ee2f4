package io.servicetsunami.adapters.databricks;

import static io.servicetsunami.adapters.databricks.Identifiers.quote;
import static io.servicetsunami.ports.out.LakehouseNames.LOADED_AT;
import static io.servicetsunami.ports.out.LakehouseNames.LOAD_ID;
import static io.servicetsunami.ports.out.LakehouseNames.LOAD_SEQ;
import static io.servicetsunami.ports.out.LakehouseNames.ROW_SEQ;
import static java.util.Objects.requireNonNull;

import io.servicetsunami.adapters.databricks.StatementWire.Parameter;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.model.DatasetFormat;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.Lakehouse;
import io.servicetsunami.ports.out.LakehouseNames;
import io.servicetsunami.ports.out.RowSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The production lakehouse: Delta tables in Databricks Unity Catalog, driven through the SQL
 * Statement Execution API of one SQL warehouse ({@link StatementClient}).
 *
 * <h2>Layout</h2>
 *
 * Three-level names {@code catalog.schema.table}; each tenant has the schemas {@code
 * t_<hex>_bronze}, {@code t_<hex>_silver} and {@code t_<hex>_staging} in the configured catalog,
 * with the same tables and metadata columns as the embedded lakehouse: bronze tables carry {@code
 * _load_id}, {@code _load_seq}, {@code _loaded_at} and {@code _row_seq}, {@code
 * t_<hex>_bronze._loads} records committed loads, and each load stages into {@code
 * t_<hex>_staging.<table>__<hash>} with a one-row marker table {@code …_state} beside it. Every
 * table is created with {@code 'delta.columnMapping.mode' = 'name'} so that column names with
 * spaces or punctuation are allowed; identifiers are always back-quoted ({@link Identifiers}).
 *
 * <h2>Statements</h2>
 *
 * <ul>
 *   <li>Staging: {@code INSERT INTO … VALUES (:p0, :p1, …), …} with typed named parameters, at most
 *       {@code rowsPerInsert} rows and {@code maxParametersPerInsert} parameters per statement
 *       (defaults 500 and 2 000; the service documents no parameter limit, so these are
 *       deliberately modest, and each statement stays far below the API's request size limits).
 *       This is a path for connector batches and small files, at a few thousand rows per second;
 *       bulk files belong in a volume with {@code COPY INTO}.
 *   <li>Commit: the load's rows go to bronze in one {@code INSERT … SELECT} from staging, then the
 *       load is recorded in {@code _loads}. A commit that finds the load recorded — or its rows
 *       already in bronze, when a previous attempt stopped between the two statements — appends
 *       nothing.
 *   <li>Silver: one {@code CREATE OR REPLACE TABLE … AS SELECT} from bronze, like the embedded
 *       lakehouse: per key the row of the latest load (and the last row within it), deleted rows
 *       left out; without a key the latest load.
 * </ul>
 *
 * <h2>Files</h2>
 *
 * CSV and JSON uploads are read here, in Java ({@link FileRows}), and staged like rows. Parquet is
 * refused with {@code unsupported_format}: it would have to be uploaded to a Unity Catalog volume
 * ({@code PUT /api/2.0/fs/files/Volumes/<catalog>/<schema>/<volume>/<file>}) and loaded with {@code
 * COPY INTO … FROM '/Volumes/…' FILEFORMAT = PARQUET}, which this adapter does not do yet.
 *
 * <h2>Concurrency</h2>
 *
 * Commits and merges of one table are serialised within this process; across processes Delta's
 * optimistic concurrency rejects a conflicting write, which is reported as {@code
 * lakehouse_unavailable} so that the step is retried. Thread-safe.
 */
public final class DatabricksLakehouse implements Lakehouse, AutoCloseable {

  static final String STREAMING = "streaming";
  static final String IDLE = "idle";
  static final String COMPLETE = "complete";

  private static final String LOADS = "_loads";
  private static final String TABLE_PROPERTIES =
      " TBLPROPERTIES ('delta.columnMapping.mode' = 'name')";

  /** What one load stages into. */
  record Staging(TenantId tenant, String table, String loadId, String schema, String stagingTable) {

    String stateTable() {
      return stagingTable + "_state";
    }
  }

  /** A column as information_schema describes it. */
  private record ColumnDef(String name, String type) {}

  private final DatabricksSettings settings;
  private final Clock clock;
  private final StatementClient client;
  private final ScheduledExecutorService timer;
  private final ConcurrentMap<String, ReentrantLock> tableLocks = new ConcurrentHashMap<>();
  private final Set<String> readyTenants = ConcurrentHashMap.newKeySet();
  private final ConcurrentMap<Staging, DatabricksStagingSink> openSinks = new ConcurrentHashMap<>();

  public DatabricksLakehouse(DatabricksSettings settings) {
    this(settings, Instant::now);
  }

  public DatabricksLakehouse(DatabricksSettings settings, Clock clock) {
    this(
        settings,
        clock,
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
  }

  DatabricksLakehouse(DatabricksSettings settings, Clock clock, HttpClient http) {
    this.settings = requireNonNull(settings, "settings is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.client = new StatementClient(settings, requireNonNull(http, "http is null"));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "databricks-staging-idle-flush");
              thread.setDaemon(true);
              return thread;
            });
  }

  // ---- staging
  // -----------------------------------------------------------------------------------

  @Override
  public RowSink openStaging(Load load) {
    requireNonNull(load, "load is null");
    Staging staging = staging(load);
    ensureSchemas(load.tenantId());
    discardOpenSink(staging);
    DatabricksStagingSink sink = new DatabricksStagingSink(this, staging, settings, timer);
    withTable(
        staging,
        () -> {
          run("DROP TABLE IF EXISTS " + stagingName(staging), "discarding an earlier staging");
          markStaging(staging, STREAMING);
          return null;
        });
    openSinks.put(staging, sink);
    return sink;
  }

  /**
   * Reads a CSV or JSON file in Java and stages its rows through a sink (see {@link FileRows} for
   * how columns and types are found).
   *
   * @throws InvalidInputException {@code unsupported_format} for Parquet, which needs a volume (see
   *     the class comment), and for a file that is not of its format
   */
  @Override
  public long stageFile(Load load, DatasetFormat format, InputStream content) {
    requireNonNull(load, "load is null");
    requireNonNull(format, "format is null");
    requireNonNull(content, "content is null");
    Staging staging = staging(load);
    if (format == DatasetFormat.PARQUET) {
      throw new InvalidInputException(
          ErrorCode.UNSUPPORTED_FORMAT,
          "the Databricks lakehouse does not load Parquet files yet: a Parquet upload has to go"
              + " through a Unity Catalog volume and COPY INTO; upload the data as CSV or JSON");
    }
    Path upload = copyUpload(content);
    try {
      DatabricksStagingSink sink = (DatabricksStagingSink) openStaging(load);
      try {
        long rows =
            format == DatasetFormat.CSV ? FileRows.csv(upload, sink) : FileRows.json(upload, sink);
        if (!sink.finish()) {
          throw new InvalidInputException(ErrorCode.UNSUPPORTED_FORMAT, "the file has no columns");
        }
        markStaging(staging, COMPLETE);
        return rows;
      } catch (IOException | RuntimeException e) {
        abandon(staging);
        if (e instanceof IOException io) {
          throw new TransientException(
              ErrorCode.LAKEHOUSE_UNAVAILABLE, "could not read the uploaded file", io);
        }
        throw (RuntimeException) e;
      }
    } finally {
      try {
        Files.deleteIfExists(upload);
      } catch (IOException e) {
        // a temporary file; the system's temp cleanup removes it
      }
    }
  }

  // ---- bronze
  // ------------------------------------------------------------------------------------

  /**
   * Appends the staged rows to bronze and records the load; then drops the staging tables.
   *
   * @throws TransientException {@code lakehouse_unavailable} while another process is still staging
   *     the load (its sink has not written its last rows yet)
   * @throws PermanentException if nothing was staged for the load
   */
  @Override
  public TableInfo commitToBronze(Load load) {
    requireNonNull(load, "load is null");
    Staging staging = staging(load);
    ensureSchemas(load.tenantId());
    DatabricksStagingSink sink = openSinks.get(staging);
    boolean finishedHere = sink != null && sink.finish();
    String schema = schema(load.tenantId(), "bronze");
    String bronze = qualified(schema, staging.table());
    TableInfo info =
        withTable(
            staging,
            () -> {
              if (isRecorded(staging)) {
                return bronzeInfo(staging);
              }
              List<ColumnDef> bronzeColumns = columns(schema, staging.table());
              if (!bronzeColumns.isEmpty() && recoverUnrecorded(staging, bronze)) {
                return bronzeInfo(staging);
              }
              List<ColumnDef> stagedColumns = columns(staging.schema(), staging.stagingTable());
              if (stagedColumns.isEmpty()) {
                throw new PermanentException(
                    ErrorCode.INTERNAL,
                    "nothing is staged for load " + load.loadId() + " of table " + load.table());
              }
              if (!finishedHere) {
                requireStagingDone(staging);
              }
              List<ColumnDef> data =
                  stagedColumns.stream().filter(c -> !c.name().equals(ROW_SEQ)).toList();
              long sequence =
                  query(
                          "SELECT coalesce(max(load_seq), 0) + 1 FROM "
                              + qualified(schema, LOADS)
                              + " WHERE table_name = :table_name",
                          List.of(text("table_name", staging.table())),
                          "numbering load " + load.loadId())
                      .firstLong();
              long rows =
                  query(
                          "SELECT count(*) FROM " + stagingName(staging),
                          List.of(),
                          "counting the staged rows of load " + load.loadId())
                      .firstLong();
              String dataList =
                  data.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
              if (bronzeColumns.isEmpty()) {
                run(
                    "CREATE TABLE IF NOT EXISTS "
                        + bronze
                        + " USING DELTA"
                        + TABLE_PROPERTIES
                        + " AS SELECT "
                        + dataList
                        + ", CAST(NULL AS STRING) AS "
                        + quote(LOAD_ID)
                        + ", CAST(NULL AS BIGINT) AS "
                        + quote(LOAD_SEQ)
                        + ", CAST(NULL AS TIMESTAMP) AS "
                        + quote(LOADED_AT)
                        + ", CAST(NULL AS BIGINT) AS "
                        + quote(ROW_SEQ)
                        + " FROM "
                        + stagingName(staging)
                        + " LIMIT 0",
                    "creating bronze table " + displayName(schema, staging.table()));
              } else {
                Set<String> existing =
                    bronzeColumns.stream()
                        .map(c -> c.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
                for (ColumnDef added : data) {
                  if (!existing.contains(added.name().toLowerCase(Locale.ROOT))) {
                    // A column the source added: older loads read NULL in it.
                    run(
                        "ALTER TABLE "
                            + bronze
                            + " ADD COLUMNS ("
                            + quote(added.name())
                            + " "
                            + sqlType(added)
                            + ")",
                        "adding a column to " + displayName(schema, staging.table()));
                  }
                }
              }
              String loadedAt = DateTimeFormatter.ISO_INSTANT.format(clock.now());
              run(
                  "INSERT INTO "
                      + bronze
                      + " ("
                      + dataList
                      + ", "
                      + metadataList()
                      + ") SELECT "
                      + dataList
                      + ", :load_id, :load_seq, :loaded_at, "
                      + quote(ROW_SEQ)
                      + " FROM "
                      + stagingName(staging),
                  List.of(
                      text("load_id", load.loadId()),
                      new Parameter("load_seq", Long.toString(sequence), "BIGINT"),
                      new Parameter("loaded_at", loadedAt, "TIMESTAMP")),
                  "appending load " + load.loadId() + " to bronze");
              record(staging, sequence, loadedAt, rows);
              dropStaging(staging);
              return bronzeInfo(staging);
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
    String bronzeSchema = schema(tenant, "bronze");
    String silverSchema = schema(tenant, "silver");
    String bronze = qualified(bronzeSchema, name);
    String silver = qualified(silverSchema, name);
    Staging anyLoad = new Staging(tenant, name, "", schema(tenant, "staging"), "");
    return withTable(
        anyLoad,
        () -> {
          List<String> data = new ArrayList<>();
          for (ColumnDef column : columns(bronzeSchema, name)) {
            if (!LakehouseNames.METADATA_COLUMNS.contains(column.name().toLowerCase(Locale.ROOT))) {
              data.add(column.name());
            }
          }
          if (data.isEmpty()) {
            throw new PermanentException(
                ErrorCode.INTERNAL,
                "there is no bronze table "
                    + displayName(bronzeSchema, name)
                    + " to merge: commit a load first");
          }
          String where = displayName(bronzeSchema, name);
          List<String> keys = new ArrayList<>();
          for (String key : primaryKey) {
            keys.add(resolve(data, key, "primary key", where));
          }
          Optional<String> deleted =
              deletedFlagColumn.map(c -> resolve(data, c, "deleted flag", where));
          String latest;
          if (keys.isEmpty()) {
            long sequence =
                query(
                        "SELECT coalesce(max(load_seq), 0) FROM "
                            + qualified(bronzeSchema, LOADS)
                            + " WHERE table_name = :table_name",
                        List.of(text("table_name", name)),
                        "finding the latest load of " + where)
                    .firstLong();
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
          String notDeleted =
              deleted
                  .map(c -> " WHERE NOT coalesce(try_cast(" + quote(c) + " AS BOOLEAN), false)")
                  .orElse("");
          run(
              "CREATE OR REPLACE TABLE "
                  + silver
                  + " USING DELTA"
                  + TABLE_PROPERTIES
                  + " AS SELECT "
                  + data.stream().map(Identifiers::quote).collect(Collectors.joining(", "))
                  + ", "
                  + quote(LOAD_ID)
                  + ", "
                  + quote(LOADED_AT)
                  + " FROM ("
                  + latest
                  + ") AS latest"
                  + notDeleted,
              "rebuilding silver table " + displayName(silverSchema, name));
          return new TableInfo(
              displayName(silverSchema, name),
              query("SELECT count(*) FROM " + silver, List.of(), "counting " + silver).firstLong());
        });
  }

  @Override
  public Optional<TableInfo> describeSilver(TenantId tenant, String table) {
    requireNonNull(tenant, "tenant is null");
    String name = LakehouseNames.table(table);
    String schema = schema(tenant, "silver");
    if (!exists(schema, name)) {
      return Optional.empty();
    }
    return Optional.of(
        new TableInfo(
            displayName(schema, name),
            query(
                    "SELECT count(*) FROM " + qualified(schema, name),
                    List.of(),
                    "counting silver table " + displayName(schema, name))
                .firstLong()));
  }

  /** Stops the idle-flush timer; open sinks are discarded. */
  @Override
  public void close() {
    timer.shutdownNow();
    openSinks.values().forEach(DatabricksStagingSink::discard);
    openSinks.clear();
  }

  // ---- for the sink
  // ------------------------------------------------------------------------------

  void createStagingTable(Staging staging, List<Column> columns) {
    String definition =
        columns.stream()
            .map(c -> quote(c.name()) + " " + sqlType(c.type()))
            .collect(Collectors.joining(", "));
    run(
        "CREATE OR REPLACE TABLE "
            + stagingName(staging)
            + " ("
            + definition
            + ", "
            + quote(ROW_SEQ)
            + " BIGINT) USING DELTA"
            + TABLE_PROPERTIES,
        "creating the staging table of load " + staging.loadId());
  }

  /** Writes one batch: a single {@code INSERT … VALUES} whose values are named parameters. */
  void insertStaged(Staging staging, List<Column> columns, List<String[]> rows, long firstRow) {
    StringBuilder sql =
        new StringBuilder("INSERT INTO ")
            .append(stagingName(staging))
            .append(" (")
            .append(columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", ")))
            .append(", ")
            .append(quote(ROW_SEQ))
            .append(") VALUES ");
    List<Parameter> parameters = new ArrayList<>(rows.size() * columns.size());
    for (int r = 0; r < rows.size(); r++) {
      sql.append(r == 0 ? "(" : ", (");
      String[] row = rows.get(r);
      for (int c = 0; c < row.length; c++) {
        ColumnType type = columns.get(c).type();
        String name = "p" + parameters.size();
        parameters.add(new Parameter(name, row[c], DatabricksStagingSink.parameterType(type)));
        sql.append(type == ColumnType.BYTES ? "unbase64(:" + name + ")" : ":" + name);
        sql.append(", ");
      }
      sql.append(firstRow + r).append(')');
    }
    run(sql.toString(), parameters, "staging rows of load " + staging.loadId());
  }

  /** Replaces the load's staging marker: {@code streaming}, {@code idle} or {@code complete}. */
  void markStaging(Staging staging, String state) {
    run(
        "CREATE OR REPLACE TABLE "
            + qualified(staging.schema(), staging.stateTable())
            + " USING DELTA AS SELECT '"
            + state // one of our three constants, never user input
            + "' AS state",
        "marking the staging of load " + staging.loadId() + " " + state);
  }

  // ---- internals
  // ---------------------------------------------------------------------------------

  @FunctionalInterface
  private interface Work<T> {
    T run();
  }

  private <T> T withTable(Staging staging, Work<T> work) {
    ReentrantLock lock =
        tableLocks.computeIfAbsent(
            staging.schema() + "." + staging.table(), k -> new ReentrantLock());
    lock.lock();
    try {
      return work.run();
    } finally {
      lock.unlock();
    }
  }

  private void ensureSchemas(TenantId tenant) {
    if (readyTenants.contains(tenant.toString())) {
      return;
    }
    for (String layer : List.of("bronze", "silver", "staging")) {
      run(
          "CREATE SCHEMA IF NOT EXISTS "
              + quote(settings.catalog())
              + "."
              + quote(schema(tenant, layer)),
          "creating the " + layer + " schema of tenant " + tenant);
    }
    run(
        "CREATE TABLE IF NOT EXISTS "
            + qualified(schema(tenant, "bronze"), LOADS)
            + " (table_name STRING NOT NULL, load_id STRING NOT NULL, load_seq BIGINT NOT NULL,"
            + " loaded_at TIMESTAMP NOT NULL, row_count BIGINT NOT NULL) USING DELTA",
        "creating the load log of tenant " + tenant);
    readyTenants.add(tenant.toString());
  }

  private boolean isRecorded(Staging staging) {
    return query(
                "SELECT count(*) FROM "
                    + qualified(schema(staging.tenant(), "bronze"), LOADS)
                    + " WHERE table_name = :table_name AND load_id = :load_id",
                List.of(text("table_name", staging.table()), text("load_id", staging.loadId())),
                "looking up load " + staging.loadId())
            .firstLong()
        > 0;
  }

  /**
   * A previous commit appended the load to bronze and stopped before recording it: record it now
   * rather than append it twice.
   */
  private boolean recoverUnrecorded(Staging staging, String bronze) {
    String loadIdIs = " WHERE " + quote(LOAD_ID) + " = :load_id";
    long rows =
        query(
                "SELECT count(*) FROM " + bronze + loadIdIs,
                List.of(text("load_id", staging.loadId())),
                "looking for load " + staging.loadId() + " in bronze")
            .firstLong();
    if (rows == 0) {
      return false;
    }
    run(
        "INSERT INTO "
            + qualified(schema(staging.tenant(), "bronze"), LOADS)
            + " (table_name, load_id, load_seq, loaded_at, row_count)"
            + " SELECT :table_name, :load_id, max("
            + quote(LOAD_SEQ)
            + "), max("
            + quote(LOADED_AT)
            + "), count(*) FROM "
            + bronze
            + loadIdIs,
        List.of(text("table_name", staging.table()), text("load_id", staging.loadId())),
        "recording load " + staging.loadId());
    dropStaging(staging);
    return true;
  }

  private void requireStagingDone(Staging staging) {
    Optional<String> state =
        exists(staging.schema(), staging.stateTable())
            ? query(
                    "SELECT state FROM " + qualified(staging.schema(), staging.stateTable()),
                    List.of(),
                    "reading the staging state of load " + staging.loadId())
                .rows()
                .stream()
                .findFirst()
                .map(row -> row.get(0))
            : Optional.empty();
    if (state.isEmpty() || state.get().equals(STREAMING)) {
      throw new TransientException(
          ErrorCode.LAKEHOUSE_UNAVAILABLE,
          "load "
              + staging.loadId()
              + " of table "
              + staging.table()
              + " is still being staged (its last rows are not written yet); retry the commit"
              + " later, or stage the load again if its extract stopped");
    }
  }

  private void record(Staging staging, long sequence, String loadedAt, long rows) {
    run(
        "INSERT INTO "
            + qualified(schema(staging.tenant(), "bronze"), LOADS)
            + " (table_name, load_id, load_seq, loaded_at, row_count)"
            + " VALUES (:table_name, :load_id, :load_seq, :loaded_at, :row_count)",
        List.of(
            text("table_name", staging.table()),
            text("load_id", staging.loadId()),
            new Parameter("load_seq", Long.toString(sequence), "BIGINT"),
            new Parameter("loaded_at", loadedAt, "TIMESTAMP"),
            new Parameter("row_count", Long.toString(rows), "BIGINT")),
        "recording load " + staging.loadId());
  }

  private void dropStaging(Staging staging) {
    run("DROP TABLE IF EXISTS " + stagingName(staging), "dropping a committed staging table");
    run(
        "DROP TABLE IF EXISTS " + qualified(staging.schema(), staging.stateTable()),
        "dropping a committed staging marker");
  }

  /** Best effort after a failed file: nothing of it may be committed. */
  private void abandon(Staging staging) {
    discardOpenSink(staging);
    try {
      dropStaging(staging);
    } catch (RuntimeException e) {
      // The marker stays 'streaming' or the table stays without a marker: a commit refuses either.
    }
  }

  private TableInfo bronzeInfo(Staging staging) {
    String schema = schema(staging.tenant(), "bronze");
    return new TableInfo(
        displayName(schema, staging.table()),
        query(
                "SELECT count(*) FROM " + qualified(schema, staging.table()),
                List.of(),
                "counting bronze table " + displayName(schema, staging.table()))
            .firstLong());
  }

  private List<ColumnDef> columns(String schema, String table) {
    List<ColumnDef> columns = new ArrayList<>();
    for (List<String> row :
        query(
                "SELECT column_name, full_data_type FROM "
                    + quote(settings.catalog())
                    + ".information_schema.columns"
                    + " WHERE table_schema = :table_schema AND table_name = :table_name"
                    + " ORDER BY ordinal_position",
                List.of(text("table_schema", schema), text("table_name", table)),
                "describing " + displayName(schema, table))
            .rows()) {
      columns.add(new ColumnDef(row.get(0), row.get(1)));
    }
    return columns;
  }

  private boolean exists(String schema, String table) {
    return query(
                "SELECT count(*) FROM "
                    + quote(settings.catalog())
                    + ".information_schema.tables"
                    + " WHERE table_schema = :table_schema AND table_name = :table_name",
                List.of(text("table_schema", schema), text("table_name", table)),
                "looking up " + displayName(schema, table))
            .firstLong()
        > 0;
  }

  private void discardOpenSink(Staging staging) {
    DatabricksStagingSink previous = openSinks.remove(staging);
    if (previous != null) {
      previous.discard();
    }
  }

  private Path copyUpload(InputStream content) {
    Path upload;
    try {
      upload = Files.createTempFile("servicetsunami-upload-", ".tmp");
    } catch (IOException e) {
      throw new TransientException(
          ErrorCode.LAKEHOUSE_UNAVAILABLE, "could not prepare a temporary file for an upload", e);
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
        throw new InvalidInputException(ErrorCode.UNSUPPORTED_FORMAT, "the file is empty");
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
      throw new TransientException(
          ErrorCode.LAKEHOUSE_UNAVAILABLE, "could not copy the uploaded file", e);
    }
  }

  private void run(String sql, String what) {
    client.execute(sql, List.of(), what);
  }

  private void run(String sql, List<Parameter> parameters, String what) {
    client.execute(sql, parameters, what);
  }

  private StatementClient.Result query(String sql, List<Parameter> parameters, String what) {
    return client.execute(sql, parameters, what);
  }

  private static Parameter text(String name, String value) {
    return new Parameter(name, value, "STRING");
  }

  private static String metadataList() {
    return quote(LOAD_ID)
        + ", "
        + quote(LOAD_SEQ)
        + ", "
        + quote(LOADED_AT)
        + ", "
        + quote(ROW_SEQ);
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

  private static String sqlType(ColumnType type) {
    return switch (type) {
      case STRING, JSON -> "STRING";
      case LONG -> "BIGINT";
      case DOUBLE -> "DOUBLE";
      case DECIMAL -> "DECIMAL(38," + DatabricksStagingSink.DECIMAL_SCALE + ")";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMP";
      case BYTES -> "BINARY";
    };
  }

  /** The SQL type of a staged column, from the types this adapter creates (never raw text). */
  private static String sqlType(ColumnDef column) {
    String type =
        column.type() == null ? "" : column.type().replace(" ", "").toLowerCase(Locale.ROOT);
    Map<String, ColumnType> known =
        Map.of(
            "string",
            ColumnType.STRING,
            "bigint",
            ColumnType.LONG,
            "double",
            ColumnType.DOUBLE,
            "decimal(38," + DatabricksStagingSink.DECIMAL_SCALE + ")",
            ColumnType.DECIMAL,
            "boolean",
            ColumnType.BOOLEAN,
            "date",
            ColumnType.DATE,
            "timestamp",
            ColumnType.TIMESTAMP,
            "binary",
            ColumnType.BYTES);
    ColumnType mapped = known.get(type);
    if (mapped == null) {
      throw new PermanentException(
          ErrorCode.INTERNAL,
          "staged column "
              + LakehouseNames.printable(column.name())
              + " has the unexpected type "
              + type);
    }
    return sqlType(mapped);
  }

  private Staging staging(Load load) {
    String table = LakehouseNames.table(load.table());
    return new Staging(
        load.tenantId(),
        table,
        load.loadId(),
        schema(load.tenantId(), "staging"),
        table + "__" + digest(load.loadId()));
  }

  private String stagingName(Staging staging) {
    return qualified(staging.schema(), staging.stagingTable());
  }

  private String qualified(String schema, String table) {
    return quote(settings.catalog()) + "." + quote(schema) + "." + quote(table);
  }

  private String displayName(String schema, String table) {
    return settings.catalog() + "." + schema + "." + table;
  }

  static String schema(TenantId tenant, String layer) {
    return "t_" + tenant.value().toString().replace("-", "") + "_" + layer;
  }

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
    return "DatabricksLakehouse[" + settings + "]";
  }
}
