package io.servicetsunami.adapters.databricks;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.model.DatasetFormat;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Lakehouse.Load;
import io.servicetsunami.ports.out.Lakehouse.TableInfo;
import io.servicetsunami.ports.out.RowSink;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Databricks lakehouse against the loopback warehouse: what it sends, and what lands. */
class DatabricksLakehouseTest {

  private static final List<Column> ORDERS =
      List.of(
          new Column("id", ColumnType.LONG),
          new Column("status", ColumnType.STRING),
          new Column("deleted", ColumnType.BOOLEAN));

  private final MutableClock clock = new MutableClock(Fixtures.NOW);
  private final TenantId tenant = Fixtures.tenantId();
  private FakeSqlWarehouse warehouse;
  private DatabricksLakehouse lakehouse;

  @BeforeEach
  void start() throws Exception {
    warehouse = new FakeSqlWarehouse();
    lakehouse = open(DatabricksLakehouseContractTest.settings(warehouse));
  }

  @AfterEach
  void stop() throws Exception {
    lakehouse.close();
    warehouse.close();
    assertThat(warehouse.violations()).isEmpty();
  }

  @Test
  void usesThreeLevelBackQuotedNamesAndTypedNamedParameters() {
    Load load = load("orders");
    stage(load, order(1, "new"));

    TableInfo bronze = lakehouse.commitToBronze(load);

    String bronzeSchema = DatabricksLakehouse.schema(tenant, "bronze");
    assertThat(bronze.qualifiedName()).isEqualTo("lakehouse_test." + bronzeSchema + ".orders");
    assertThat(warehouse.statements())
        .contains("CREATE SCHEMA IF NOT EXISTS `lakehouse_test`.`" + bronzeSchema + "`")
        .anySatisfy(
            sql ->
                assertThat(sql)
                    .startsWith("INSERT INTO `lakehouse_test`.`" + bronzeSchema + "`.`orders`")
                    .contains(":load_id, :load_seq, :loaded_at"));
    JsonNode append =
        warehouse.requests().stream()
            .filter(r -> r.body().contains("INSERT INTO `lakehouse_test`.`" + bronzeSchema))
            .findFirst()
            .orElseThrow()
            .json();
    assertThat(append.get("parameters").toString())
        .contains("{\"name\":\"load_id\",\"value\":\"" + load.loadId() + "\",\"type\":\"STRING\"}")
        .contains("{\"name\":\"load_seq\",\"value\":\"1\",\"type\":\"BIGINT\"}")
        .contains(
            "{\"name\":\"loaded_at\",\"value\":\"2025-01-01T09:00:00Z\",\"type\":\"TIMESTAMP\"}");
    assertThat(warehouse.statements())
        .allSatisfy(sql -> assertThat(sql).doesNotContain(load.loadId()));
  }

  @Test
  void stagingSplitsRowsIntoInsertsWithinTheRowAndParameterLimits() throws Exception {
    lakehouse.close();
    lakehouse =
        open(
            DatabricksLakehouseContractTest.settings(warehouse)
                .withStaging(4, 9, Duration.ofSeconds(30)));
    Load load = load("orders");
    warehouse.clearRecords();
    RowSink sink = lakehouse.openStaging(load);
    sink.begin(ORDERS);
    for (int i = 0; i < 10; i++) {
      sink.accept(order(i, "new"));
    }

    List<FakeSqlWarehouse.Request> inserts = staged();
    assertThat(inserts).hasSize(3); // 3 rows of 3 columns each: 9 parameters, not 4 rows
    assertThat(inserts).allSatisfy(r -> assertThat(r.json().get("parameters")).hasSize(9));
    assertThat(lakehouse.commitToBronze(load).rowCount()).isEqualTo(10);
    assertThat(staged()).hasSize(4);
    assertThat(
            warehouse.query(
                "SELECT string_agg(_row_seq::VARCHAR, ',' ORDER BY _row_seq) FROM "
                    + bronzeTable("orders")
                    + " GROUP BY _load_id"))
        .containsExactly(List.of("0,1,2,3,4,5,6,7,8,9"));
  }

  @Test
  void everyColumnTypeTravelsAsATypedParameter() throws Exception {
    List<Column> columns =
        List.of(
            new Column("s", ColumnType.STRING),
            new Column("l", ColumnType.LONG),
            new Column("d", ColumnType.DOUBLE),
            new Column("m", ColumnType.DECIMAL),
            new Column("b", ColumnType.BOOLEAN),
            new Column("day", ColumnType.DATE),
            new Column("at", ColumnType.TIMESTAMP),
            new Column("raw", ColumnType.BYTES),
            new Column("doc", ColumnType.JSON));
    Load load = load("types");
    RowSink sink = lakehouse.openStaging(load);
    sink.begin(columns);
    sink.accept(
        List.of(
            "it's",
            -7L,
            0.25d,
            new BigDecimal("3.14159"),
            false,
            LocalDate.of(2024, 2, 29),
            Instant.parse("2024-02-29T12:34:56.123456Z"),
            new byte[] {0, (byte) 255},
            "{\"a\":1}"));
    sink.accept(Arrays.asList(null, null, null, null, null, null, null, null, null));
    lakehouse.commitToBronze(load);

    assertThat(
            warehouse.query(
                "SELECT s, l, d, m::VARCHAR, b, day::VARCHAR, strftime(\"at\", '%Y-%m-%dT%H:%M:%S.%f'),"
                    + " hex(raw), doc FROM "
                    + bronzeTable("types")
                    + " ORDER BY _row_seq"))
        .containsExactly(
            List.of(
                "it's",
                -7L,
                0.25d,
                "3.141590000000000000",
                false,
                "2024-02-29",
                "2024-02-29T12:34:56.123456",
                "00FF",
                "{\"a\":1}"),
            Arrays.asList(null, null, null, null, null, null, null, null, null));
  }

  @Test
  void jsonAndCsvFilesAreReadHereAndStagedLikeRows() throws Exception {
    Load json = load("events");
    long rows =
        lakehouse.stageFile(
            json,
            DatasetFormat.JSON,
            text("[{\"id\": 1, \"kind\": \"a\", \"meta\": {\"x\": 1}}, {\"id\": 2}]"));
    lakehouse.commitToBronze(json);
    Load csv = load("people");
    lakehouse.stageFile(csv, DatasetFormat.CSV, text("name,city\nAda,London\n\"Hopper, G\",NYC\n"));
    lakehouse.commitToBronze(csv);

    assertThat(rows).isEqualTo(2);
    assertThat(
            warehouse.query("SELECT id, kind, meta FROM " + bronzeTable("events") + " ORDER BY id"))
        .containsExactly(Arrays.asList(1L, "a", "{\"x\":1}"), Arrays.asList(2L, null, null));
    assertThat(warehouse.query("SELECT name FROM " + bronzeTable("people") + " ORDER BY _row_seq"))
        .containsExactly(List.of("Ada"), List.of("Hopper, G"));
  }

  @Test
  void aFileThatFailsHalfWayLeavesNothingToCommit() {
    Load load = load("orders");

    assertPortError(
        InvalidInputException.class,
        ErrorCode.UNSUPPORTED_FORMAT,
        () -> lakehouse.stageFile(load, DatasetFormat.CSV, text("id,name\n1,a\n2,b,c\n")));

    assertThatThrownBy(() -> lakehouse.commitToBronze(load))
        .hasMessageContaining("nothing is staged");
  }

  @Test
  void parquetIsRefusedWithoutTouchingTheWarehouse() {
    warehouse.clearRecords();

    InvalidInputException error =
        assertPortError(
            InvalidInputException.class,
            ErrorCode.UNSUPPORTED_FORMAT,
            () ->
                lakehouse.stageFile(
                    load("orders"), DatasetFormat.PARQUET, text("PAR1 pretend parquet")));

    assertThat(error).hasMessageContaining("Parquet").hasMessageContaining("volume");
    assertThat(warehouse.requests()).isEmpty();
  }

  @Test
  void hostileTableNamesAreRefusedBeforeAnyRequest() {
    warehouse.clearRecords();

    for (String table : List.of("x; drop table", "orders`", "ordérs", "a.b", "")) {
      assertPortError(
          InvalidInputException.class,
          ErrorCode.INVALID_INPUT,
          () -> lakehouse.openStaging(new Load(tenant, table, "l")));
      assertPortError(
          InvalidInputException.class,
          ErrorCode.INVALID_INPUT,
          () -> lakehouse.mergeToSilver(tenant, table, List.of(), Optional.empty()));
    }

    assertThat(warehouse.requests()).isEmpty();
  }

  @Test
  void hostileAndUnicodeColumnNamesAreBackQuoted() throws Exception {
    List<Column> columns =
        List.of(
            new Column("x`; DROP TABLE victims; --", ColumnType.STRING),
            new Column("Order ID", ColumnType.LONG),
            new Column("名前", ColumnType.STRING));
    Load load = load("hostile");
    stage(load, columns, List.of("a", 7L, "ゆき"));

    lakehouse.commitToBronze(load);
    lakehouse.mergeToSilver(tenant, "hostile", List.of("order id"), Optional.empty());

    assertThat(
            warehouse.query(
                "SELECT \"x`; DROP TABLE victims; --\", \"Order ID\", \"名前\" FROM "
                    + silverTable("hostile")))
        .containsExactly(List.of("a", 7L, "ゆき"));
  }

  @Test
  void silverHoldsTheLatestVersionOfEachKeyAndHonoursDeletes() throws Exception {
    Load first = load("orders");
    stage(first, order(1, "new"), order(2, "new"), order(2, "paid"));
    lakehouse.commitToBronze(first);
    Load second = load("orders");
    stage(second, List.of(1L, "cancelled", true), order(3, "new"));
    lakehouse.commitToBronze(second);

    TableInfo silver =
        lakehouse.mergeToSilver(tenant, "orders", List.of("id"), Optional.of("deleted"));

    assertThat(silver.rowCount()).isEqualTo(2);
    assertThat(warehouse.query("SELECT id, status FROM " + silverTable("orders") + " ORDER BY id"))
        .containsExactly(List.of(2L, "paid"), List.of(3L, "new"));
    assertThat(lakehouse.describeSilver(tenant, "orders")).contains(silver);
  }

  @Test
  void aCommitInAnotherProcessWaitsUntilTheSinkHasWrittenItsLastRows() throws Exception {
    lakehouse.close();
    lakehouse =
        open(
            DatabricksLakehouseContractTest.settings(warehouse)
                .withStaging(500, 2_000, Duration.ofSeconds(1)));
    Load load = load("orders");
    RowSink sink = lakehouse.openStaging(load); // this process extracts…
    sink.begin(ORDERS);
    sink.accept(order(1, "new"));
    sink.accept(order(2, "new"));
    try (DatabricksLakehouse otherWorker =
        open(DatabricksLakehouseContractTest.settings(warehouse))) {
      TransientException early =
          assertPortError(
              TransientException.class,
              ErrorCode.LAKEHOUSE_UNAVAILABLE,
              () -> otherWorker.commitToBronze(load)); // …another one commits too early
      assertThat(early).hasMessageContaining("still being staged");

      // a retry succeeds once the sink's idle flush has written the rest and marked it idle
      TableInfo bronze = null;
      for (int attempt = 0; bronze == null && attempt < 100; attempt++) {
        try {
          bronze = otherWorker.commitToBronze(load);
        } catch (TransientException stillStaging) {
          Thread.sleep(50);
        }
      }
      assertThat(bronze).isNotNull();
      assertThat(bronze.rowCount()).isEqualTo(2);
    }
    assertThat(lakehouse.commitToBronze(load).rowCount()).isEqualTo(2);
  }

  @Test
  void aLoadAppendedButNotRecordedIsRecordedRatherThanAppendedTwice() throws Exception {
    Load load = load("orders");
    stage(load, order(1, "new"), order(2, "new"));
    lakehouse.commitToBronze(load);
    // as if the previous commit stopped between appending to bronze and recording the load
    warehouse.query(
        "DELETE FROM "
            + FakeSqlWarehouse.CATALOG
            + "."
            + DatabricksLakehouse.schema(tenant, "bronze")
            + "._loads RETURNING 1");

    assertThat(lakehouse.commitToBronze(load).rowCount()).isEqualTo(2);
    assertThat(
            warehouse.query(
                "SELECT load_id, load_seq, row_count FROM "
                    + FakeSqlWarehouse.CATALOG
                    + "."
                    + DatabricksLakehouse.schema(tenant, "bronze")
                    + "._loads"))
        .containsExactly(List.of(load.loadId(), 1L, 2L));
  }

  @Test
  void survivesThrottlingAndAnUnavailableWarehouseInTheMiddleOfALoad() {
    Load load = load("orders");
    warehouse.failNext(429, 0);
    RowSink sink = lakehouse.openStaging(load);
    warehouse.failNext(503, 0);
    sink.begin(ORDERS);
    sink.accept(order(1, "new"));
    warehouse.failNext(503, -1);

    assertThat(lakehouse.commitToBronze(load).rowCount()).isEqualTo(1);
  }

  @Test
  void settingsFromTheEnvironment() {
    assertThat(DatabricksSettings.fromEnvironment(Map.of())).isEmpty();
    DatabricksSettings settings =
        DatabricksSettings.fromEnvironment(
                Map.of(
                    "DATABRICKS_HOST", "adb-1.2.azuredatabricks.net",
                    "DATABRICKS_TOKEN", "dapi-secret",
                    "DATABRICKS_WAREHOUSE_ID", "abc123"))
            .orElseThrow();
    assertThat(settings.host()).isEqualTo(URI.create("https://adb-1.2.azuredatabricks.net"));
    assertThat(settings.catalog()).isEqualTo("main");
    assertThat(settings.toString()).doesNotContain("dapi-secret");
    assertThatThrownBy(
            () -> DatabricksSettings.fromEnvironment(Map.of("DATABRICKS_HOST", "https://x")))
        .hasMessageContaining("DATABRICKS_TOKEN");
    assertThatThrownBy(
            () ->
                settings.withTimings(
                    Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMinutes(1)))
        .hasMessageContaining("waitTimeout");
  }

  // ---- helpers
  // -----------------------------------------------------------------------------------

  private DatabricksLakehouse open(DatabricksSettings settings) {
    return new DatabricksLakehouse(settings, clock);
  }

  private List<FakeSqlWarehouse.Request> staged() {
    return warehouse.requests().stream()
        .filter(r -> r.method().equals("POST") && r.body().contains("INSERT INTO"))
        .filter(
            r ->
                r.json()
                    .get("statement")
                    .asText()
                    .startsWith(
                        "INSERT INTO `lakehouse_test`.`"
                            + DatabricksLakehouse.schema(tenant, "staging")))
        .toList();
  }

  private Load load(String table) {
    return new Load(tenant, table, "run-" + UUID.randomUUID() + ":" + table);
  }

  @SafeVarargs
  private final void stage(Load load, List<Object>... rows) {
    stage(load, ORDERS, rows);
  }

  @SafeVarargs
  private final void stage(Load load, List<Column> columns, List<Object>... rows) {
    RowSink sink = lakehouse.openStaging(load);
    sink.begin(columns);
    for (List<Object> row : rows) {
      sink.accept(row);
    }
  }

  private static List<Object> order(long id, String status) {
    return List.of(id, status, false);
  }

  private String bronzeTable(String table) {
    return FakeSqlWarehouse.CATALOG
        + "."
        + DatabricksLakehouse.schema(tenant, "bronze")
        + "."
        + table;
  }

  private String silverTable(String table) {
    return FakeSqlWarehouse.CATALOG
        + "."
        + DatabricksLakehouse.schema(tenant, "silver")
        + "."
        + table;
  }

  private static InputStream text(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }
}
