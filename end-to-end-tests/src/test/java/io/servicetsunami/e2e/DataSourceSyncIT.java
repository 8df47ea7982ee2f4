package io.servicetsunami.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.core.pipeline.LakehouseTables;
import io.servicetsunami.ports.in.CreatePipelineUseCase.CreatePipelineCommand;
import io.servicetsunami.ports.model.ConnectorSyncConfig;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.RunStatus;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TriggerSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL source table synced into DuckDB bronze and silver by DataSourceSyncWorkflow on the
 * embedded Temporal server, started through the {@code execute pipeline} use case, across three
 * incremental runs: rows inserted, updated, soft-deleted, and one transaction that took its
 * watermark value before the second run's extract but committed after it. After the third run
 * silver must equal the source row by row.
 *
 * <p>A second pipeline over the same table, identical but with no overlap window, runs alongside as
 * the control: it must lose the late transaction's rows, which shows that the scenario really puts
 * them behind the watermark and that the overlap is what saves them.
 */
class DataSourceSyncIT {

  private static final String TABLE = "sales.orders";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

  private static DataPipelineAssembly assembly;

  @BeforeAll
  static void start() {
    assembly = DataPipelineAssembly.start();
  }

  @AfterAll
  static void stop() {
    if (assembly != null) {
      assembly.close();
    }
  }

  @Test
  void incrementalRunsLeaveSilverEqualToTheSourceIncludingALateCommitAtTheWatermark()
      throws Exception {
    TenantId tenant = assembly.newTenantWithSourceConnection();
    try (Connection source = assembly.sourceOwner();
        Statement sql = source.createStatement()) {
      sql.execute(
          "CREATE TABLE sales.orders (id bigint PRIMARY KEY, customer text NOT NULL,"
              + " amount numeric(12, 2), status text NOT NULL, updated_at timestamptz NOT NULL,"
              + " is_deleted boolean NOT NULL DEFAULT false)");
      sql.execute(
          "INSERT INTO sales.orders (id, customer, amount, status, updated_at)"
              + " SELECT i, 'customer-' || (i % 37), round((i * 3.17)::numeric, 2), 'new',"
              + " now() - interval '1 hour' + i * interval '1 second'"
              + " FROM generate_series(1, 200) AS i");
    }
    DataPipeline withOverlap = pipeline(tenant, "orders with overlap", Duration.ofMinutes(1));
    DataPipeline noOverlap = pipeline(tenant, "orders without overlap (control)", Duration.ZERO);

    // Run 1: the first incremental run reads the whole table.
    PipelineRun first = runToCompletion(tenant, withOverlap);
    runToCompletion(tenant, noOverlap);
    assertThat(count(first, "rows")).isEqualTo(200);
    assertThat(count(first, "silver_rows")).isEqualTo(200);

    Instant lateStamp;
    try (Connection late = assembly.sourceOwner();
        Connection source = assembly.sourceOwner();
        Statement sql = source.createStatement()) {
      // A transaction takes its watermark value now() = its start, and stays open...
      late.setAutoCommit(false);
      try (Statement lateSql = late.createStatement()) {
        lateSql.execute(
            "INSERT INTO sales.orders (id, customer, amount, status, updated_at)"
                + " VALUES (1001, 'customer-late', 10.01, 'new', now())");
        lateSql.execute(
            "UPDATE sales.orders SET status = 'changed-late', updated_at = now() WHERE id = 5");
        try (ResultSet stamp = lateSql.executeQuery("SELECT now()")) {
          stamp.next();
          lateStamp = stamp.getObject(1, OffsetDateTime.class).toInstant();
        }
      }
      DataPipelineAssembly.sleep(Duration.ofMillis(50));
      // ...while others commit later values: inserts and updates.
      sql.execute(
          "INSERT INTO sales.orders (id, customer, amount, status, updated_at)"
              + " SELECT i, 'customer-' || (i % 37), round((i * 3.17)::numeric, 2), 'new',"
              + " clock_timestamp() FROM generate_series(201, 220) AS i");
      sql.execute(
          "UPDATE sales.orders SET status = 'shipped', amount = amount + 1,"
              + " updated_at = clock_timestamp() WHERE id BETWEEN 10 AND 19");

      // Run 2 extracts past everything committed, its watermark beyond the open transaction's.
      runToCompletion(tenant, withOverlap);
      runToCompletion(tenant, noOverlap);
      Instant secondWatermark = watermark(tenant, withOverlap);
      assertThat(secondWatermark).isAfter(lateStamp);

      // Only now does the late transaction commit, its rows stamped before that watermark.
      late.commit();
      sql.execute(
          "UPDATE sales.orders SET status = 'shipped', updated_at = clock_timestamp()"
              + " WHERE id BETWEEN 20 AND 24");
      sql.execute(
          "UPDATE sales.orders SET is_deleted = true, updated_at = clock_timestamp()"
              + " WHERE id IN (30, 31, 32, 205)");
      sql.execute(
          "INSERT INTO sales.orders (id, customer, amount, status, updated_at)"
              + " SELECT i, 'customer-' || (i % 37), NULL, 'new', clock_timestamp()"
              + " FROM generate_series(221, 225) AS i");
    }

    // Run 3: the overlap reaches back past the late commit's stamp.
    PipelineRun third = runToCompletion(tenant, withOverlap);
    runToCompletion(tenant, noOverlap);
    assertThat(count(third, "rows"))
        .as("run 3 read the late rows through its overlap")
        .isGreaterThanOrEqualTo(2 + 5 + 4 + 5);

    String silverWithOverlap = silverTable(tenant, withOverlap);
    String silverNoOverlap = silverTable(tenant, noOverlap);
    Path lakehouseFile = assembly.releaseLakehouse();
    List<List<String>> sourceRows = sourceRows();
    try (Connection duck = readOnly(lakehouseFile)) {
      List<List<String>> silver = silverRows(duck, silverWithOverlap);
      assertThat(sourceRows).hasSize(225 + 1 - 4);
      assertThat(silver).containsExactlyElementsOf(sourceRows);
      assertThat(distinctIds(duck, silverWithOverlap)).isEqualTo(silver.size());

      List<List<String>> control = silverRows(duck, silverNoOverlap);
      assertThat(control.stream().map(row -> row.get(0)))
          .as("without the overlap the row committed late is lost")
          .doesNotContain("1001");
      assertThat(control)
          .filteredOn(row -> row.get(0).equals("5"))
          .singleElement()
          .satisfies(row -> assertThat(row.get(3)).isEqualTo("new"));
    }
  }

  private static DataPipeline pipeline(TenantId tenant, String name, Duration overlap) {
    return assembly.pipelines.create(
        new CreatePipelineCommand(
            tenant,
            name,
            PipelineType.CONNECTOR_SYNC,
            Map.of(),
            Optional.empty(),
            Optional.of(
                new ConnectorSyncConfig(
                    ConnectorType.POSTGRESQL,
                    DataPipelineAssembly.CONNECTION_SKILL,
                    List.of(
                        new TableSync(
                            TABLE,
                            SyncMode.INCREMENTAL,
                            List.of("id"),
                            Optional.of("updated_at"),
                            overlap,
                            Optional.of("is_deleted"))))),
            Optional.empty()));
  }

  private static PipelineRun runToCompletion(TenantId tenant, DataPipeline pipeline) {
    PipelineRun started = assembly.pipelines.execute(tenant, pipeline.id());
    assertThat(started.trigger()).isEqualTo(TriggerSource.MANUAL);
    PipelineRun closed = assembly.awaitClosed(tenant, started.id(), RUN_TIMEOUT);
    assertThat(closed.status())
        .as("run %s: %s", closed.id(), closed.error())
        .isEqualTo(RunStatus.COMPLETED);
    return closed;
  }

  /** One of the counts the run's output holds for the table. */
  @SuppressWarnings("unchecked")
  private static long count(PipelineRun run, String name) {
    Map<String, Object> tables = (Map<String, Object>) run.output().get("tables");
    return ((Number) ((Map<String, Object>) tables.get(TABLE)).get(name)).longValue();
  }

  private static Instant watermark(TenantId tenant, DataPipeline pipeline) {
    return Instant.parse(
        assembly.persistence.watermarks().find(tenant, pipeline.id(), TABLE).orElseThrow().value());
  }

  private static String silverTable(TenantId tenant, DataPipeline pipeline) {
    return assembly
        .lakehouse
        .describeSilver(tenant, LakehouseTables.of(pipeline.id(), TABLE))
        .orElseThrow()
        .qualifiedName();
  }

  /** The live rows of the source, as text: id, customer, amount, status, updated_at. */
  private static List<List<String>> sourceRows() throws SQLException {
    try (Connection source = assembly.sourceOwner();
        Statement sql = source.createStatement();
        ResultSet rows =
            sql.executeQuery(
                "SELECT id, customer, amount, status, updated_at FROM sales.orders"
                    + " WHERE NOT is_deleted ORDER BY id")) {
      return text(rows);
    }
  }

  private static List<List<String>> silverRows(Connection duck, String silverTable)
      throws SQLException {
    try (Statement sql = duck.createStatement();
        ResultSet rows =
            sql.executeQuery(
                "SELECT \"id\", \"customer\", \"amount\", \"status\", \"updated_at\" FROM "
                    + silverTable
                    + " ORDER BY \"id\"")) {
      return text(rows);
    }
  }

  private static long distinctIds(Connection duck, String silverTable) throws SQLException {
    try (Statement sql = duck.createStatement();
        ResultSet rows = sql.executeQuery("SELECT count(DISTINCT \"id\") FROM " + silverTable)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Both engines' values in one text form: decimals without trailing zeros, instants in UTC. */
  private static List<List<String>> text(ResultSet rows) throws SQLException {
    List<List<String>> result = new ArrayList<>();
    while (rows.next()) {
      BigDecimal amount = rows.getBigDecimal(3);
      result.add(
          List.of(
              Long.toString(rows.getLong(1)),
              rows.getString(2),
              amount == null ? "NULL" : amount.stripTrailingZeros().toPlainString(),
              rows.getString(4),
              rows.getObject(5, OffsetDateTime.class).toInstant().toString()));
    }
    return result;
  }

  private static Connection readOnly(Path file) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + file, properties);
  }
}
