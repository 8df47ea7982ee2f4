package io.servicetsunami.adapters.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.adapters.connectors.FakeSnowflakeServer.FakeColumn;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.out.SourceConnector.ExtractRequest;
import io.servicetsunami.ports.out.SourceConnector.ExtractSummary;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Snowflake connector, through Snowflake's real JDBC driver, against a loopback server that
 * speaks the driver's HTTP/JSON protocol ({@link FakeSnowflakeServer}). What this cannot show:
 * Snowflake's SQL semantics (the fake answers only the statement shapes the connector sends), TLS,
 * OCSP, key-pair login and Arrow results.
 */
class SnowflakeSourceConnectorTest {

  private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");

  private FakeSnowflakeServer server;
  private SnowflakeSourceConnector connector;

  @BeforeEach
  void start() {
    server = new FakeSnowflakeServer("LOADER", "s3cret!");
    connector =
        new SnowflakeSourceConnector(HostPolicy.builder().allowLoopback(true).build(), true);
    server.table(
        "\"SALES\".\"PUBLIC\".\"ORDERS\"",
        List.of(
            new FakeColumn("ID", "fixed", 38, 0),
            new FakeColumn("AMOUNT", "fixed", 12, 2),
            new FakeColumn("RATIO", "real", 0, 0),
            new FakeColumn("ITEM", "text", 0, 0),
            new FakeColumn("PAID", "boolean", 0, 0),
            new FakeColumn("DUE", "date", 0, 0),
            new FakeColumn("UPDATED_AT", "timestamp_ntz", 0, 9),
            new FakeColumn("SEEN_AT", "timestamp_ltz", 0, 9),
            new FakeColumn("DOC", "variant", 0, 0),
            new FakeColumn("RAW", "binary", 0, 0)),
        List.of(
            row(
                1L,
                new BigDecimal("12.50"),
                0.5,
                "book",
                true,
                LocalDate.of(2024, 2, 29),
                T0,
                T0.plusMillis(123),
                "{\"a\":1}",
                new byte[] {0, (byte) 0xff}),
            row(
                2L,
                new BigDecimal("3.00"),
                1.5,
                "pen",
                false,
                LocalDate.of(2024, 3, 1),
                T0.plusSeconds(60),
                T0,
                "[1,2]",
                new byte[] {1}),
            row(3L, null, null, null, null, null, null, null, null, null)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  private Map<String, Secret> connection() {
    return Map.of(
        "account", Secret.of("xy12345.eu-west-1"),
        "host", Secret.of("127.0.0.1"),
        "port", Secret.of(String.valueOf(server.port())),
        "user", Secret.of("LOADER"),
        "password", Secret.of("s3cret!"),
        "warehouse", Secret.of("LOAD_WH"),
        "database", Secret.of("SALES"),
        "schema", Secret.of("PUBLIC"),
        "role", Secret.of("READER"));
  }

  private static TableSync full(String table) {
    return new TableSync(table, SyncMode.FULL, List.of("ID"), Optional.empty(), Duration.ZERO);
  }

  @Test
  void logsInAndReadsATableThroughTheDriversWireProtocol() {
    RecordingSink sink = new RecordingSink();

    ExtractSummary summary =
        connector.extract(
            connection(), new ExtractRequest(full("sales.public.orders"), Optional.empty()), sink);

    assertThat(summary.rows()).isEqualTo(3);
    assertThat(sink.columns)
        .containsExactly(
            new Column("ID", ColumnType.LONG),
            new Column("AMOUNT", ColumnType.DECIMAL),
            new Column("RATIO", ColumnType.DOUBLE),
            new Column("ITEM", ColumnType.STRING),
            new Column("PAID", ColumnType.BOOLEAN),
            new Column("DUE", ColumnType.DATE),
            new Column("UPDATED_AT", ColumnType.TIMESTAMP),
            new Column("SEEN_AT", ColumnType.TIMESTAMP),
            new Column("DOC", ColumnType.JSON),
            new Column("RAW", ColumnType.BYTES));
    List<Object> first = sink.rows.get(0);
    assertThat(first.subList(0, 8))
        .containsExactly(
            1L,
            new BigDecimal("12.50"),
            0.5,
            "book",
            true,
            LocalDate.of(2024, 2, 29),
            T0,
            T0.plusMillis(123));
    assertThat(first.get(8)).isEqualTo("{\"a\":1}");
    assertThat((byte[]) first.get(9)).containsExactly(0, 0xff);
    assertThat(sink.rows.get(2).subList(1, 10)).containsOnlyNulls();

    FakeSnowflakeServer.Received login = server.received().get(0);
    assertThat(login.path()).isEqualTo("/session/v1/login-request");
    assertThat(login.query())
        .contains(
            "databaseName=SALES", "schemaName=PUBLIC", "warehouse=LOAD_WH", "roleName=READER");
    assertThat(login.body().path("data").path("LOGIN_NAME").asText()).isEqualTo("LOADER");
    assertThat(login.body().path("data").path("ACCOUNT_NAME").asText()).isEqualTo("xy12345");
    assertThat(
            login
                .body()
                .path("data")
                .path("SESSION_PARAMETERS")
                .path("JDBC_QUERY_RESULT_FORMAT")
                .asText())
        .isEqualTo("JSON");
    assertThat(server.statements())
        .containsExactly(
            "SELECT * FROM \"SALES\".\"PUBLIC\".\"ORDERS\" LIMIT 0",
            "SELECT \"ID\", \"AMOUNT\", \"RATIO\", \"ITEM\", \"PAID\", \"DUE\", \"UPDATED_AT\","
                + " \"SEEN_AT\", \"DOC\", \"RAW\" FROM \"SALES\".\"PUBLIC\".\"ORDERS\"");
  }

  @Test
  void bindsTheWatermarkLessTheOverlapAndReportsTheHighestValue() {
    TableSync incremental =
        new TableSync(
            "sales.public.orders",
            SyncMode.INCREMENTAL,
            List.of("ID"),
            Optional.of("updated_at"),
            Duration.ofSeconds(30));
    RecordingSink sink = new RecordingSink();

    ExtractSummary summary =
        connector.extract(
            connection(),
            new ExtractRequest(incremental, Optional.of("2024-06-01T12:00:20Z")),
            sink);

    assertThat(sink.column("ID")).containsExactly(1L, 2L);
    assertThat(summary.maxWatermark()).contains("2024-06-01T12:01:00Z");
    String select = server.statements().get(1);
    assertThat(select).endsWith(" WHERE \"UPDATED_AT\" >= TO_TIMESTAMP_NTZ(?)");
    FakeSnowflakeServer.Received query =
        server.received().stream()
            .filter(r -> r.body().path("sqlText").asText().equals(select))
            .findFirst()
            .orElseThrow();
    assertThat(query.body().path("bindings").path("1").path("type").asText()).isEqualTo("TEXT");
    assertThat(query.body().path("bindings").path("1").path("value").asText())
        .isEqualTo("2024-06-01T11:59:50");
  }

  @Test
  void streamsAResultBiggerThanOneChunk() {
    List<List<Object>> many = new ArrayList<>();
    for (long i = 1; i <= 3_500; i++) {
      many.add(row(i, "item " + i));
    }
    server.table(
        "\"SALES\".\"PUBLIC\".\"EVENTS\"",
        List.of(new FakeColumn("ID", "fixed", 18, 0), new FakeColumn("ITEM", "text", 0, 0)),
        many);
    long[] seen = {0};
    RecordingSink counting =
        new RecordingSink() {
          @Override
          public void accept(List<Object> row) {
            seen[0]++;
          }
        };

    ExtractSummary summary =
        connector.extract(
            connection(), new ExtractRequest(full("EVENTS"), Optional.empty()), counting);

    assertThat(summary.rows()).isEqualTo(3_500);
    assertThat(seen[0]).isEqualTo(3_500);
    assertThat(counting.columns)
        .containsExactly(new Column("ID", ColumnType.LONG), new Column("ITEM", ColumnType.STRING));
    assertThat(server.received()).anyMatch(r -> r.path().startsWith("/chunks/"));
  }

  @Test
  void aWrongPasswordIsAPermanentLoginFailure() {
    Map<String, Secret> wrong = new HashMap<>(connection());
    wrong.put("password", Secret.of("nope"));

    assertThatThrownBy(
            () ->
                connector.extract(
                    wrong,
                    new ExtractRequest(full("orders"), Optional.empty()),
                    new RecordingSink()))
        .isInstanceOfSatisfying(
            PermanentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTOR_FAILED))
        .hasMessageContaining("Snowflake rejected the login (390100)")
        .hasMessageNotContaining("nope");
  }

  @Test
  void anUnknownTableIsAPermanentFailure() {
    assertThatThrownBy(
            () ->
                connector.extract(
                    connection(),
                    new ExtractRequest(full("no_such_table"), Optional.empty()),
                    new RecordingSink()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("does not exist or not authorized");
  }

  @Test
  void refusesHostileNamesAndDeniedHostsBeforeConnecting() {
    assertThatThrownBy(
            () ->
                connector.extract(
                    connection(),
                    new ExtractRequest(full("x; drop table orders"), Optional.empty()),
                    new RecordingSink()))
        .isInstanceOf(InvalidInputException.class);
    Map<String, Secret> hostileWarehouse = new HashMap<>(connection());
    hostileWarehouse.put("warehouse", Secret.of("WH; DROP DATABASE SALES"));
    assertThatThrownBy(
            () ->
                connector.extract(
                    hostileWarehouse,
                    new ExtractRequest(full("orders"), Optional.empty()),
                    new RecordingSink()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("invalid warehouse name");
    Map<String, Secret> metadata = new HashMap<>(connection());
    metadata.put("host", Secret.of("169.254.169.254"));
    assertThatThrownBy(
            () ->
                connector.extract(
                    metadata,
                    new ExtractRequest(full("orders"), Optional.empty()),
                    new RecordingSink()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("cloud metadata service");
    assertThatThrownBy(
            () ->
                new SnowflakeSourceConnector(HostPolicy.defaults(), true)
                    .extract(
                        connection(),
                        new ExtractRequest(full("orders"), Optional.empty()),
                        new RecordingSink()))
        .hasMessageContaining("loopback");
    assertThat(server.received()).isEmpty();
  }
}
