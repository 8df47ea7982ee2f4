package io.servicetsunami.benchmarks.pipeline;

import io.servicetsunami.adapters.connectors.HostPolicy;
import io.servicetsunami.adapters.connectors.PostgresSourceConnector;
import io.servicetsunami.adapters.duckdb.DuckDbLakehouse;
import io.servicetsunami.adapters.duckdb.DuckDbSettings;
import io.servicetsunami.adapters.persistence.DatabaseSettings;
import io.servicetsunami.adapters.persistence.PostgresPersistence;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Lakehouse;
import io.servicetsunami.ports.out.Lakehouse.TableInfo;
import io.servicetsunami.ports.out.SourceConnector.ExtractRequest;
import io.servicetsunami.ports.out.SourceConnector.ExtractSummary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * Rows per second from a PostgreSQL table into DuckDB bronze, two ways, in one run on the same
 * embedded PostgreSQL and the same disk:
 *
 * <ol>
 *   <li><b>adapter</b>: what DataSourceSyncWorkflow's {@code extract_from_connector} and {@code
 *       load_to_bronze} do — {@link PostgresSourceConnector} streams the table through a
 *       server-side cursor into {@link DuckDbLakehouse}'s staging sink, then the load is committed
 *       to bronze with its metadata;
 *   <li><b>COPY baseline</b>: PostgreSQL's own {@code COPY (SELECT …) TO STDOUT (FORMAT csv)}
 *       through pgjdbc's CopyManager into a CSV file, then DuckDB's {@code read_csv} with the
 *       column types given (no sniffing) into a table of the same types as bronze.
 * </ol>
 *
 * Rounds alternate between the two after the table is seeded and each path warmed up once on the
 * whole table; the figure is the median round. Usage and options: {@code benchmarks/README.md}.
 * Prints figures only; asserts nothing.
 */
public final class PostgresToBronzeBenchmark {

  private static final PrintStream OUT = System.out;
  private static final String DATABASE = "bench_source";
  private static final String TABLE = "public.orders";
  private static final String COLUMNS =
      "id, customer, email, amount, quantity, status, paid, created_at, updated_at";

  /** The bronze column types the adapter lands these columns in (see DuckDbLakehouse). */
  private static final String DUCKDB_COLUMNS =
      "{'id': 'BIGINT', 'customer': 'VARCHAR', 'email': 'VARCHAR', 'amount': 'DECIMAL(38, 18)',"
          + " 'quantity': 'BIGINT', 'status': 'VARCHAR', 'paid': 'BOOLEAN',"
          + " 'created_at': 'TIMESTAMPTZ', 'updated_at': 'TIMESTAMPTZ'}";

  private PostgresToBronzeBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path directory = Files.createTempDirectory("servicetsunami-bronze-benchmark-");
    try {
      run(options, directory);
    } finally {
      deleteRecursively(directory);
    }
  }

  private static void run(Options options, Path directory) throws Exception {
    OUT.printf(
        Locale.ROOT,
        "PostgreSQL -> DuckDB bronze: %,d rows, %d cores, Java %s, fetch size %d, batch %d rows%n",
        options.rows,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        options.fetchSize,
        options.batchRows);
    try (PostgresPersistence db =
        PostgresPersistence.start(
            DatabaseSettings.embedded(directory.resolve("postgres")).withDurable(false))) {
      String ownerUrl = createSource(db, options.rows);
      String connectorUrl = loopbackUrl(ownerUrl);
      Map<String, Secret> connection =
          Map.of("url", Secret.of(connectorUrl), "user", Secret.of(user(db)));
      PostgresSourceConnector connector =
          new PostgresSourceConnector(
              HostPolicy.builder().allowLoopback(true).build(),
              options.fetchSize,
              Duration.ofSeconds(15));
      try (DuckDbLakehouse lakehouse =
              new DuckDbLakehouse(
                  DuckDbSettings.inDirectory(directory.resolve("lakehouse"))
                      .withBatchRows(options.batchRows));
          Connection baselineDuck =
              DriverManager.getConnection(
                  "jdbc:duckdb:" + directory.resolve("baseline.duckdb"), new Properties())) {
        TenantId tenant = new TenantId(UUID.randomUUID());
        Path csv = directory.resolve("copy.csv");

        OUT.println("warm-up: one pass of each over the whole table");
        adapter(connector, connection, lakehouse, tenant, "warmup");
        baseline(ownerUrl, user(db), baselineDuck, csv, "warmup");

        if (options.breakdown) {
          breakdown(connector, connection, ownerUrl, user(db), csv);
        }

        List<Double> adapterRates = new ArrayList<>();
        List<Double> copyRates = new ArrayList<>();
        for (int round = 1; round <= options.rounds; round++) {
          Result copy = baseline(ownerUrl, user(db), baselineDuck, csv, "r" + round);
          Result ours = adapter(connector, connection, lakehouse, tenant, "r" + round);
          if (copy.rows != options.rows || ours.rows != options.rows) {
            throw new IllegalStateException(
                "row counts differ: COPY " + copy.rows + ", adapter " + ours.rows);
          }
          copyRates.add(copy.rate());
          adapterRates.add(ours.rate());
          OUT.printf(
              Locale.ROOT,
              "  round %d: COPY -> read_csv %,10.0f rows/s (%5.2f s)   adapter %,10.0f rows/s"
                  + " (%5.2f s)   ratio %.2f%n",
              round,
              copy.rate(),
              copy.seconds,
              ours.rate(),
              ours.seconds,
              ours.rate() / copy.rate());
        }
        double copyMedian = median(copyRates);
        double adapterMedian = median(adapterRates);
        OUT.printf(
            Locale.ROOT,
            "median: COPY -> read_csv %,.0f rows/s, adapter %,.0f rows/s, ratio %.2f (target >="
                + " 0.50)%n",
            copyMedian,
            adapterMedian,
            adapterMedian / copyMedian);
      }
    }
  }

  private record Result(long rows, double seconds) {
    double rate() {
      return rows / seconds;
    }
  }

  /** extract_from_connector + load_to_bronze for one load, as the workflow runs them. */
  private static Result adapter(
      PostgresSourceConnector connector,
      Map<String, Secret> connection,
      Lakehouse lakehouse,
      TenantId tenant,
      String loadId) {
    Lakehouse.Load load = new Lakehouse.Load(tenant, "orders_" + loadId, loadId);
    long t0 = System.nanoTime();
    ExtractSummary summary =
        connector.extract(
            connection,
            new ExtractRequest(
                new TableSync(TABLE, SyncMode.FULL, List.of("id"), Optional.empty(), Duration.ZERO),
                Optional.empty()),
            lakehouse.openStaging(load));
    long staged = System.nanoTime();
    TableInfo bronze = lakehouse.commitToBronze(load);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (System.getProperty("bronze.phases") != null) {
      OUT.printf(
          Locale.ROOT,
          "    adapter phases: extract + stage %.2f s, commit to bronze %.2f s%n",
          (staged - t0) / 1e9,
          (System.nanoTime() - staged) / 1e9);
    }
    if (bronze.rowCount() != summary.rows()) {
      throw new IllegalStateException(
          "bronze has " + bronze.rowCount() + " rows, extract read " + summary.rows());
    }
    return new Result(bronze.rowCount(), seconds);
  }

  /**
   * Where the time goes: the connector into a sink that drops every row (PostgreSQL, the network
   * and the connector's conversions only), and COPY into the CSV file only.
   */
  private static void breakdown(
      PostgresSourceConnector connector,
      Map<String, Secret> connection,
      String ownerUrl,
      String user,
      Path csv)
      throws Exception {
    long t0 = System.nanoTime();
    long[] rows = {0};
    connector.extract(
        connection,
        new ExtractRequest(
            new TableSync(TABLE, SyncMode.FULL, List.of("id"), Optional.empty(), Duration.ZERO),
            Optional.empty()),
        new io.servicetsunami.ports.out.RowSink() {
          @Override
          public void begin(List<io.servicetsunami.ports.model.Column> columns) {}

          @Override
          public void accept(List<Object> row) {
            rows[0]++;
          }
        });
    double extract = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    try (Connection source = DriverManager.getConnection(ownerUrl, user, "");
        Statement sql = source.createStatement();
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
      sql.execute("SET TimeZone = 'UTC'");
      source
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyOut("COPY (SELECT " + COLUMNS + " FROM " + TABLE + ") TO STDOUT (FORMAT csv)", out);
    }
    double copy = (System.nanoTime() - t1) / 1e9;
    Files.delete(csv);
    OUT.printf(
        Locale.ROOT,
        "breakdown: connector -> discarding sink %,.0f rows/s (%.2f s); COPY -> CSV file only"
            + " %,.0f rows/s (%.2f s)%n",
        rows[0] / extract,
        extract,
        rows[0] / copy,
        copy);
  }

  /** COPY … TO STDOUT into a CSV file, then DuckDB's read_csv into a table. */
  private static Result baseline(
      String ownerUrl, String user, Connection duck, Path csv, String suffix) throws Exception {
    long t0 = System.nanoTime();
    try (Connection source = DriverManager.getConnection(ownerUrl, user, "");
        Statement sql = source.createStatement();
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
      sql.execute("SET TimeZone = 'UTC'");
      source
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyOut("COPY (SELECT " + COLUMNS + " FROM " + TABLE + ") TO STDOUT (FORMAT csv)", out);
    }
    long rows;
    try (Statement sql = duck.createStatement()) {
      sql.execute(
          "CREATE TABLE copy_"
              + suffix
              + " AS SELECT * FROM read_csv('"
              + csv
              + "', header = false, auto_detect = false, columns = "
              + DUCKDB_COLUMNS
              + ")");
      try (ResultSet count = sql.executeQuery("SELECT count(*) FROM copy_" + suffix)) {
        count.next();
        rows = count.getLong(1);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Files.delete(csv);
    return new Result(rows, seconds);
  }

  /** Creates the source database and its table of {@code rows} realistic orders. */
  private static String createSource(PostgresPersistence db, long rows) throws SQLException {
    String url;
    try (Connection control = db.dataSource().getConnection();
        Statement sql = control.createStatement()) {
      sql.execute("CREATE DATABASE " + DATABASE);
      url = control.getMetaData().getURL().replaceFirst("(//[^/]+/)[^?]*", "$1" + DATABASE);
    }
    long t0 = System.nanoTime();
    try (Connection source = DriverManager.getConnection(url, user(db), "");
        Statement sql = source.createStatement()) {
      sql.execute(
          "CREATE TABLE orders (id bigint PRIMARY KEY, customer text NOT NULL, email text,"
              + " amount numeric(12, 2) NOT NULL, quantity integer NOT NULL, status text NOT NULL,"
              + " paid boolean NOT NULL, created_at timestamptz NOT NULL,"
              + " updated_at timestamptz NOT NULL)");
      sql.execute(
          "INSERT INTO orders SELECT i, 'Customer ' || (i % 50000),"
              + " CASE WHEN i % 10 = 0 THEN NULL ELSE 'customer' || (i % 50000) ||"
              + " '@example.com' END, round((random() * 1000)::numeric, 2), 1 + i % 7,"
              + " (ARRAY['new', 'paid', 'shipped', 'cancelled'])[1 + i % 4], i % 3 <> 0,"
              + " timestamptz '2025-01-01' + i * interval '1 second',"
              + " timestamptz '2025-01-01' + i * interval '1 second' + (i % 100) * interval '1"
              + " minute' FROM generate_series(1, "
              + rows
              + ") AS i");
      sql.execute("VACUUM ANALYZE orders");
    }
    OUT.printf(
        Locale.ROOT,
        "seeded %,d rows into %s in %.1f s%n",
        rows,
        TABLE,
        (System.nanoTime() - t0) / 1e9);
    return url;
  }

  private static String user(PostgresPersistence db) throws SQLException {
    try (Connection control = db.dataSource().getConnection()) {
      return control.getMetaData().getUserName();
    }
  }

  /** The connector gets a plain URL on 127.0.0.1, as a tenant would type it. */
  private static String loopbackUrl(String url) {
    Matcher port = Pattern.compile("//[^:/]+:(\\d+)/").matcher(url);
    if (!port.find()) {
      throw new IllegalStateException("no port in " + url);
    }
    return "jdbc:postgresql://127.0.0.1:" + port.group(1) + "/" + DATABASE;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a temporary directory: best effort
    }
  }

  private static final class Options {
    long rows = 1_000_000;
    int rounds = 3;
    int fetchSize = PostgresSourceConnector.DEFAULT_FETCH_SIZE;
    int batchRows = DuckDbSettings.DEFAULT_BATCH_ROWS;
    boolean breakdown;

    static Options parse(String[] args) {
      Options options = new Options();
      for (String arg : args) {
        String[] pair = arg.split("=", 2);
        String value = pair.length == 2 ? pair[1] : "";
        switch (pair[0]) {
          case "--rows" -> options.rows = Long.parseLong(value);
          case "--rounds" -> options.rounds = Integer.parseInt(value);
          case "--fetch-size" -> options.fetchSize = Integer.parseInt(value);
          case "--batch-rows" -> options.batchRows = Integer.parseInt(value);
          case "--breakdown" -> options.breakdown = true;
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      return options;
    }
  }
}
