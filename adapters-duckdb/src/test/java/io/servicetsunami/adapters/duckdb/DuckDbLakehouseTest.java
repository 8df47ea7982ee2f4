package io.servicetsunami.adapters.duckdb;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.PermanentException;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DuckDbLakehouseTest {

  private static final List<Column> ORDERS =
      List.of(
          new Column("id", ColumnType.LONG),
          new Column("status", ColumnType.STRING),
          new Column("deleted", ColumnType.BOOLEAN));

  @TempDir Path directory;
  private final MutableClock clock = new MutableClock(Fixtures.NOW);
  private final TenantId tenant = Fixtures.tenantId();
  private DuckDbLakehouse lakehouse;

  @BeforeEach
  void open() {
    lakehouse = new DuckDbLakehouse(DuckDbSettings.inDirectory(directory), clock);
  }

  @AfterEach
  void close() {
    lakehouse.close();
  }

  // ---- files
  // -------------------------------------------------------------------------------------

  @Test
  void csvFileLandsWithDetectedTypes() throws SQLException {
    Load load = load("people");
    String csv = "id,name,born\n1,Ada,1815-12-10\n2,\"Hopper, Grace\",1906-12-09\n";

    assertThat(lakehouse.stageFile(load, DatasetFormat.CSV, text(csv))).isEqualTo(2);
    lakehouse.commitToBronze(load);

    assertThat(rows("SELECT id, name, born FROM " + bronze("people") + " ORDER BY id"))
        .containsExactly(
            List.of(1L, "Ada", LocalDate.parse("1815-12-10")),
            List.of(2L, "Hopper, Grace", LocalDate.parse("1906-12-09")));
  }

  @Test
  void jsonFileLandsFromAnArrayOrOneObjectPerLine() throws SQLException {
    Load array = load("events");
    Load lines = load("events");

    lakehouse.stageFile(
        array, DatasetFormat.JSON, text("[{\"id\": 1, \"kind\": \"a\"}, {\"id\": 2}]"));
    lakehouse.commitToBronze(array);
    lakehouse.stageFile(
        lines, DatasetFormat.JSON, text("{\"id\": 3, \"kind\": \"c\"}\n{\"id\": 4}\n"));

    assertThat(lakehouse.commitToBronze(lines).rowCount()).isEqualTo(4);
    assertThat(rows("SELECT id, kind FROM " + bronze("events") + " ORDER BY id"))
        .containsExactly(
            Arrays.asList(1L, "a"),
            Arrays.asList(2L, null),
            Arrays.asList(3L, "c"),
            Arrays.asList(4L, null));
  }

  @Test
  void parquetFileLands(@TempDir Path elsewhere) throws Exception {
    Path parquet = elsewhere.resolve("orders.parquet");
    try (Connection connection = lakehouse.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "COPY (SELECT range AS id, 'status-' || range AS status FROM range(5)) TO '"
              + parquet
              + "' (FORMAT PARQUET)");
    }
    Load load = load("orders");

    try (InputStream content = Files.newInputStream(parquet)) {
      assertThat(lakehouse.stageFile(load, DatasetFormat.PARQUET, content)).isEqualTo(5);
    }
    assertThat(lakehouse.commitToBronze(load).rowCount()).isEqualTo(5);
    assertThat(rows("SELECT status FROM " + bronze("orders") + " WHERE id = 3"))
        .containsExactly(List.of("status-3"));
  }

  @Test
  void filesThatAreNotOfTheirFormatAreUnsupported() {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.UNSUPPORTED_FORMAT,
        () -> lakehouse.stageFile(load("x"), DatasetFormat.PARQUET, text("id,name\n1,a\n")));
    assertPortError(
        InvalidInputException.class,
        ErrorCode.UNSUPPORTED_FORMAT,
        () -> lakehouse.stageFile(load("x"), DatasetFormat.JSON, text("[1, 2, 3]")));
    InvalidInputException empty =
        assertPortError(
            InvalidInputException.class,
            ErrorCode.UNSUPPORTED_FORMAT,
            () -> lakehouse.stageFile(load("x"), DatasetFormat.CSV, text("")));
    assertThat(empty).hasMessageContaining("empty");
  }

  @Test
  void unreadableFileMessageDoesNotShowTheServersPaths() {
    InvalidInputException error =
        assertPortError(
            InvalidInputException.class,
            ErrorCode.UNSUPPORTED_FORMAT,
            () -> lakehouse.stageFile(load("x"), DatasetFormat.JSON, text("{ not json")));

    assertThat(error).hasMessageStartingWith("the file cannot be read as JSON");
    assertThat(error.getMessage()).doesNotContain(directory.toString());
  }

  @Test
  void refusesAFileLargerThanTheLimit() {
    lakehouse.close();
    lakehouse =
        new DuckDbLakehouse(DuckDbSettings.inDirectory(directory).withMaxFileBytes(16), clock);

    InvalidInputException error =
        assertPortError(
            InvalidInputException.class,
            ErrorCode.INVALID_INPUT,
            () ->
                lakehouse.stageFile(
                    load("x"), DatasetFormat.CSV, text("id,name\n1,a-name-that-is-too-long\n")));

    assertThat(error).hasMessageContaining("16 bytes");
    assertThat(directory.resolve("lakehouse-uploads")).isEmptyDirectory();
  }

  // ---- bronze
  // ------------------------------------------------------------------------------------

  @Test
  void bronzeKeepsEveryBatchWithItsLoadMetadata() throws SQLException {
    Load first = load("orders");
    stage(first, order(1, "new"), order(2, "new"));
    lakehouse.commitToBronze(first);
    clock.advance(Duration.ofMinutes(5));
    Load second = load("orders");
    stage(second, order(2, "shipped"));
    TableInfo bronze = lakehouse.commitToBronze(second);

    assertThat(bronze.qualifiedName()).isEqualTo(DuckDbLakehouse.bronzeSchema(tenant) + ".orders");
    assertThat(bronze.rowCount()).isEqualTo(3);
    assertThat(
            rows(
                "SELECT id, status, _load_id, _load_seq, epoch_ms(_loaded_at), _row_seq FROM "
                    + bronze("orders")
                    + " ORDER BY _load_seq, _row_seq"))
        .containsExactly(
            List.of(1L, "new", first.loadId(), 1L, Fixtures.NOW.toEpochMilli(), 0L),
            List.of(2L, "new", first.loadId(), 1L, Fixtures.NOW.toEpochMilli(), 1L),
            List.of(
                2L,
                "shipped",
                second.loadId(),
                2L,
                Fixtures.NOW.plus(Duration.ofMinutes(5)).toEpochMilli(),
                0L));
    assertThat(
            rows(
                "SELECT load_id, load_seq, row_count FROM "
                    + qualified(DuckDbLakehouse.bronzeSchema(tenant), "_loads")
                    + " ORDER BY load_seq"))
        .containsExactly(List.of(first.loadId(), 1L, 2L), List.of(second.loadId(), 2L, 1L));
  }

  @Test
  void committingAgainAppendsNothingAndKeepsTheSequence() throws SQLException {
    Load load = load("orders");
    stage(load, order(1, "new"));
    lakehouse.commitToBronze(load);

    TableInfo again = lakehouse.commitToBronze(load);
    TableInfo onceMore = lakehouse.commitToBronze(load);

    assertThat(again).isEqualTo(onceMore);
    assertThat(again.rowCount()).isEqualTo(1);
    assertThat(
            rows(
                "SELECT count(*) FROM "
                    + qualified(DuckDbLakehouse.bronzeSchema(tenant), "_loads")))
        .containsExactly(List.of(1L));
  }

  @Test
  void stagingIsDroppedOnCommit() throws SQLException {
    Load load = load("orders");
    stage(load, order(1, "new"));

    lakehouse.commitToBronze(load);

    assertThat(
            rows(
                "SELECT count(*) FROM duckdb_tables() WHERE schema_name = '"
                    + DuckDbLakehouse.stagingSchema(tenant)
                    + "' AND table_name <> '_staging'"))
        .containsExactly(List.of(0L));
  }

  @Test
  void commitWithNothingStagedIsAPermanentError() {
    assertThatThrownBy(() -> lakehouse.commitToBronze(load("orders")))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("nothing is staged");
  }

  @Test
  void sinkHandsFullBatchesToDuckDbAndMakesTheLoadVisibleOnlyAtTheCommit() throws SQLException {
    lakehouse.close();
    lakehouse = new DuckDbLakehouse(DuckDbSettings.inDirectory(directory).withBatchRows(3), clock);
    Load load = load("orders");
    DuckDbStagingSink sink = (DuckDbStagingSink) lakehouse.openStaging(load);
    sink.begin(ORDERS);
    for (int i = 1; i <= 10; i++) {
      sink.accept(order(i, "new"));
    }

    // Three full batches have left the sink's memory; only the tenth row is held.
    assertThat(sink.held()).isEqualTo(1);
    String staging =
        (String)
            rows("SELECT table_name FROM duckdb_tables() WHERE schema_name = '"
                    + DuckDbLakehouse.stagingSchema(tenant)
                    + "' AND table_name LIKE 'orders__%'")
                .get(0)
                .get(0);
    // They are written in the load's one open transaction, which no one else sees yet.
    assertThat(
            rows(
                "SELECT count(*) FROM "
                    + qualified(DuckDbLakehouse.stagingSchema(tenant), staging)))
        .containsExactly(List.of(0L));
    assertThat(lakehouse.commitToBronze(load).rowCount()).isEqualTo(10);
    assertThatThrownBy(() -> sink.accept(order(11, "late")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aLoadWhoseStagingWasInterruptedIsRefusedRatherThanCommittedShort() {
    Load load = load("orders");
    RowSink sink = lakehouse.openStaging(load);
    sink.begin(ORDERS);
    sink.accept(order(1, "new"));
    lakehouse.close(); // the process stops before the commit: the sink's rows are lost
    lakehouse = new DuckDbLakehouse(DuckDbSettings.inDirectory(directory), clock);

    assertThatThrownBy(() -> lakehouse.commitToBronze(load))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("interrupted")
        .hasMessageContaining("stage it again");

    stage(load, order(1, "new"), order(2, "new"));
    assertThat(lakehouse.commitToBronze(load).rowCount()).isEqualTo(2);
  }

  @Test
  void reopeningStagingDiscardsTheOldSink() {
    Load load = load("orders");
    RowSink old = lakehouse.openStaging(load);
    old.begin(ORDERS);

    stage(load, order(7, "new"));

    assertThatThrownBy(() -> old.accept(order(1, "new")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("staged again");
    assertThat(lakehouse.commitToBronze(load).rowCount()).isEqualTo(1);
  }

  @Test
  void everyColumnTypeRoundTrips() throws SQLException {
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
    Instant at = Instant.parse("2024-02-29T12:34:56.123456Z");
    Load load = load("types");
    RowSink sink = lakehouse.openStaging(load);
    sink.begin(columns);
    sink.accept(
        List.of(
            "text",
            42L,
            2.5d,
            new BigDecimal("12345.678901234567890123"),
            true,
            LocalDate.of(2024, 2, 29),
            at,
            new byte[] {1, 2, 3},
            "{\"a\": [1, 2]}"));
    sink.accept(Arrays.asList(null, null, null, null, null, null, null, null, null));
    lakehouse.commitToBronze(load);

    assertThat(
            rows(
                "SELECT s, l, d, m::VARCHAR, b, day, epoch_us(\"at\"), octet_length(raw),"
                    + " doc->>'$.a[1]' FROM "
                    + bronze("types")
                    + " ORDER BY _row_seq"))
        .containsExactly(
            List.of(
                "text",
                42L,
                2.5d,
                "12345.678901234567890123",
                true,
                LocalDate.of(2024, 2, 29),
                at.getEpochSecond() * 1_000_000 + at.getNano() / 1000,
                3L,
                "2"),
            Arrays.asList(null, null, null, null, null, null, null, null, null));
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedWithTheColumnName() {
    RowSink sink = lakehouse.openStaging(load("orders"));
    sink.begin(ORDERS);

    assertThatThrownBy(() -> sink.accept(List.of("one", "new", false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'id'")
        .hasMessageContaining("long");
  }

  @Test
  void aColumnTheSourceAddedWidensBronze() throws SQLException {
    Load first = load("orders");
    stage(first, order(1, "new"));
    lakehouse.commitToBronze(first);
    Load second = load("orders");
    RowSink sink = lakehouse.openStaging(second);
    sink.begin(List.of(new Column("id", ColumnType.LONG), new Column("note", ColumnType.STRING)));
    sink.accept(List.of(2L, "gift"));

    assertThat(lakehouse.commitToBronze(second).rowCount()).isEqualTo(2);
    assertThat(rows("SELECT id, status, note FROM " + bronze("orders") + " ORDER BY id"))
        .containsExactly(Arrays.asList(1L, "new", null), Arrays.asList(2L, null, "gift"));
  }

  // ---- silver
  // ------------------------------------------------------------------------------------

  @Test
  void silverHoldsTheLatestVersionOfEachKeyAndHonoursDeletes() throws SQLException {
    Load first = load("orders");
    stage(
        first,
        order(1, "new"),
        order(2, "new"),
        order(3, "new"),
        order(3, "paid")); // within a load the last row wins
    lakehouse.commitToBronze(first);
    Load second = load("orders");
    stage(second, order(2, "shipped"), deleted(1), order(4, "new"));
    lakehouse.commitToBronze(second);
    Load third = load("orders");
    stage(third, order(1, "reordered")); // a key deleted earlier comes back
    lakehouse.commitToBronze(third);

    TableInfo silver =
        lakehouse.mergeToSilver(tenant, "orders", List.of("id"), Optional.of("deleted"));

    assertThat(silver.qualifiedName()).isEqualTo(DuckDbLakehouse.silverSchema(tenant) + ".orders");
    assertThat(rows("SELECT id, status, _load_id FROM " + silver("orders") + " ORDER BY id"))
        .containsExactly(
            List.of(1L, "reordered", third.loadId()),
            List.of(2L, "shipped", second.loadId()),
            List.of(3L, "paid", first.loadId()),
            List.of(4L, "new", second.loadId()));

    Load fourth = load("orders");
    stage(fourth, deleted(4));
    lakehouse.commitToBronze(fourth);
    assertThat(
            lakehouse
                .mergeToSilver(tenant, "orders", List.of("id"), Optional.of("deleted"))
                .rowCount())
        .isEqualTo(3);
  }

  @Test
  void silverWithACompositeKey() throws SQLException {
    List<Column> lines =
        List.of(
            new Column("order id", ColumnType.LONG),
            new Column("Line", ColumnType.LONG),
            new Column("qty", ColumnType.LONG));
    Load first = load("lines");
    stage(first, lines, List.of(1L, 1L, 5L), List.of(1L, 2L, 1L), List.of(2L, 1L, 9L));
    lakehouse.commitToBronze(first);
    Load second = load("lines");
    stage(second, lines, List.of(1L, 2L, 3L));
    lakehouse.commitToBronze(second);

    lakehouse.mergeToSilver(tenant, "lines", List.of("order id", "line"), Optional.empty());

    assertThat(rows("SELECT \"order id\", line, qty FROM " + silver("lines") + " ORDER BY 1, 2"))
        .containsExactly(List.of(1L, 1L, 5L), List.of(1L, 2L, 3L), List.of(2L, 1L, 9L));
  }

  @Test
  void withoutPrimaryKeySilverIsTheLatestLoadEvenWhenItIsEmpty() {
    Load first = load("snapshots");
    stage(first, order(1, "new"));
    lakehouse.commitToBronze(first);
    Load empty = load("snapshots");
    stage(empty);
    lakehouse.commitToBronze(empty);

    assertThat(lakehouse.mergeToSilver(tenant, "snapshots", List.of(), Optional.empty()).rowCount())
        .isZero();
  }

  @Test
  void mergeRefusesAKeyThatIsNotAColumn() {
    Load load = load("orders");
    stage(load, order(1, "new"));
    lakehouse.commitToBronze(load);

    InvalidInputException error =
        assertPortError(
            InvalidInputException.class,
            ErrorCode.INVALID_INPUT,
            () ->
                lakehouse.mergeToSilver(
                    tenant, "orders", List.of("id\"; DROP TABLE x; --"), Optional.empty()));
    assertThat(error).hasMessageContaining("is not a column of");
  }

  @Test
  void mergeWithoutBronzeIsAPermanentError() {
    assertThatThrownBy(
            () -> lakehouse.mergeToSilver(tenant, "nothing", List.of("id"), Optional.empty()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("commit a load first");
  }

  // ---- names and tenants
  // -------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x; drop table",
        "orders\"; DROP TABLE t; --",
        "orders'",
        "ordérs",
        "名前",
        "1orders",
        "_loads",
        "",
        "a b"
      })
  void refusesATableNameThatIsNotAPlainIdentifier(String table) {
    InvalidInputException error =
        assertPortError(
            InvalidInputException.class,
            ErrorCode.INVALID_INPUT,
            () -> lakehouse.openStaging(new Load(tenant, table, "load-1")));

    assertThat(error).hasMessageContaining("table name").hasMessageContaining("not allowed");
    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () -> lakehouse.describeSilver(tenant, table));
    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () -> lakehouse.stageFile(new Load(tenant, table, "l"), DatasetFormat.CSV, text("a\n1\n")));
  }

  @Test
  void refusesATableNameLongerThan128Characters() {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () -> lakehouse.openStaging(new Load(tenant, "t".repeat(129), "load-1")));
  }

  @Test
  void hostileAndUnicodeColumnNamesAreQuotedNotExecuted() throws SQLException {
    Load victim = load("victim");
    stage(victim, order(1, "new"));
    lakehouse.commitToBronze(victim);
    List<Column> columns =
        List.of(
            new Column("x\"; DROP TABLE " + bronze("victim") + "; --", ColumnType.STRING),
            new Column("it's", ColumnType.STRING),
            new Column("Order ID", ColumnType.LONG),
            new Column("prix €", ColumnType.STRING),
            new Column("名前", ColumnType.STRING));
    Load load = load("hostile");
    stage(load, columns, List.of("a", "b", 7L, "9,99", "ゆき"));

    lakehouse.commitToBronze(load);
    lakehouse.mergeToSilver(tenant, "hostile", List.of("Order ID"), Optional.empty());

    assertThat(lakehouse.describeSilver(tenant, "victim")).isEmpty(); // never merged, not dropped
    assertThat(rows("SELECT count(*) FROM " + bronze("victim"))).containsExactly(List.of(1L));
    assertThat(
            rows(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = 'hostile'"
                    + " AND schema_name = '"
                    + DuckDbLakehouse.silverSchema(tenant)
                    + "' ORDER BY column_index"))
        .extracting(row -> row.get(0))
        .containsExactly(
            columns.get(0).name(), "it's", "Order ID", "prix €", "名前", "_load_id", "_loaded_at");
    assertThat(rows("SELECT \"名前\", \"prix €\" FROM " + silver("hostile")))
        .containsExactly(List.of("ゆき", "9,99"));
  }

  @Test
  void refusesColumnNamesThatCannotBeSafeOrAreAmbiguous() {
    for (List<Column> columns :
        List.of(
            List.of(new Column("a\nb", ColumnType.STRING)),
            List.of(new Column("a\u0000", ColumnType.STRING)),
            List.of(new Column("_load_id", ColumnType.STRING)),
            List.of(new Column("_Row_Seq", ColumnType.STRING)),
            List.of(new Column("Id", ColumnType.LONG), new Column("iD", ColumnType.LONG)),
            List.of(new Column("c".repeat(256), ColumnType.STRING)))) {
      RowSink sink = lakehouse.openStaging(load("names"));

      InvalidInputException error =
          assertPortError(
              InvalidInputException.class, ErrorCode.INVALID_INPUT, () -> sink.begin(columns));
      assertThat(error).hasMessageContaining("column name").doesNotHaveToString("\u0000");
    }
  }

  @Test
  void aFileHeaderWithAReservedColumnIsRefused() {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () -> lakehouse.stageFile(load("x"), DatasetFormat.CSV, text("id,_load_seq\n1,2\n")));
  }

  @Test
  void tenantsHaveSchemasOfTheirOwn() throws SQLException {
    TenantId other = Fixtures.tenantId();
    Load mine = load("orders");
    stage(mine, order(1, "mine"));
    lakehouse.commitToBronze(mine);
    lakehouse.mergeToSilver(tenant, "orders", List.of("id"), Optional.empty());
    Load theirs = new Load(other, "orders", "their-load");
    RowSink sink = lakehouse.openStaging(theirs);
    sink.begin(ORDERS);
    sink.accept(order(1, "theirs"));
    lakehouse.commitToBronze(theirs);

    assertThat(lakehouse.describeSilver(other, "orders")).isEmpty();
    assertThat(rows("SELECT status FROM " + silver("orders"))).containsExactly(List.of("mine"));
    String hex = other.value().toString().replace("-", "");
    assertThat(
            rows(
                "SELECT DISTINCT schema_name FROM duckdb_tables()"
                    + " WHERE schema_name LIKE '%"
                    + hex
                    + "%' ORDER BY 1"))
        .containsExactly(List.of("t_" + hex + "_bronze"), List.of("t_" + hex + "_staging"));
  }

  // ---- the file and the process
  // ------------------------------------------------------------------

  @Test
  void theDatabaseFilePersistsAcrossReopen() {
    Load load = load("orders");
    stage(load, order(1, "new"), order(2, "new"));
    lakehouse.commitToBronze(load);
    TableInfo silver = lakehouse.mergeToSilver(tenant, "orders", List.of("id"), Optional.empty());
    lakehouse.close();

    lakehouse = new DuckDbLakehouse(DuckDbSettings.inDirectory(directory), clock);

    assertThat(directory.resolve("lakehouse.duckdb")).isRegularFile();
    assertThat(lakehouse.describeSilver(tenant, "orders")).contains(silver);
    assertThat(lakehouse.commitToBronze(load).rowCount()).isEqualTo(2);
  }

  @Test
  void aSecondInstanceOnTheSameFileIsRefused() {
    assertThatThrownBy(() -> new DuckDbLakehouse(DuckDbSettings.inDirectory(directory), clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already open");
  }

  @Test
  void concurrentLoadsOfManyTablesAndOfOneTableAllLand() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 12; t++) {
        String table = t % 2 == 0 ? "shared" : "table_" + t;
        int offset = t * 1000;
        done.add(
            pool.submit(
                () -> {
                  Load load = load(table);
                  RowSink sink = lakehouse.openStaging(load);
                  sink.begin(ORDERS);
                  for (int i = 0; i < 500; i++) {
                    sink.accept(order(offset + i, "new"));
                  }
                  lakehouse.commitToBronze(load);
                  return lakehouse.mergeToSilver(tenant, table, List.of("id"), Optional.empty());
                }));
      }
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(rows("SELECT count(*), count(DISTINCT _load_seq) FROM " + bronze("shared")))
        .containsExactly(List.of(3000L, 6L));
    assertThat(lakehouse.describeSilver(tenant, "shared").orElseThrow().rowCount()).isEqualTo(3000);
    assertThat(lakehouse.describeSilver(tenant, "table_11").orElseThrow().rowCount())
        .isEqualTo(500);
  }

  // ---- helpers
  // -----------------------------------------------------------------------------------

  private Load load(String table) {
    return new Load(tenant, table, "load-" + java.util.UUID.randomUUID());
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

  private static List<Object> deleted(long id) {
    return List.of(id, "deleted", true);
  }

  private static InputStream text(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }

  private String bronze(String table) {
    return qualified(DuckDbLakehouse.bronzeSchema(tenant), table);
  }

  private String silver(String table) {
    return qualified(DuckDbLakehouse.silverSchema(tenant), table);
  }

  private static String qualified(String schema, String table) {
    return schema + "." + table;
  }

  private List<List<Object>> rows(String sql) throws SQLException {
    try (Connection connection = lakehouse.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int width = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= width; i++) {
          Object value = result.getObject(i);
          row.add(value instanceof java.sql.Date date ? date.toLocalDate() : value);
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
