package io.servicetsunami.adapters.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.out.RowSink;
import io.servicetsunami.ports.out.SourceConnector.ExtractRequest;
import io.servicetsunami.ports.out.SourceConnector.ExtractSummary;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PostgreSQL connector against a real PostgreSQL (zonky's embedded server on loopback). */
class PostgresSourceConnectorIT {

  private static final HostPolicy TESTS = HostPolicy.builder().allowLoopback(true).build();

  private final PostgresSourceConnector connector = new PostgresSourceConnector(TESTS);

  @BeforeAll
  static void tables() {
    SharedPostgres.execute(
        "CREATE SCHEMA IF NOT EXISTS sales",
        "DROP TABLE IF EXISTS sales.\"Orders\", public.typed, public.events, public.numbered,"
            + " public.daily, public.named, public.wide",
        "CREATE TABLE public.typed (id bigint PRIMARY KEY, small smallint, amount numeric(12,2),"
            + " ratio double precision, paid boolean, due date, at timestamptz, local_at timestamp,"
            + " payload bytea, doc jsonb, tags text[], note text, ref uuid, span interval)",
        "INSERT INTO public.typed VALUES (1, 7, 1234.50, 0.25, true, '2024-02-29',"
            + " '2024-05-01 10:15:30.123456+02', '2024-05-01 10:15:30.5', '\\x00ff',"
            + " '{\"a\": [1, 2]}', ARRAY['x', 'y\"z'], 'héllo', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
            + " '1 day 02:00:00')",
        "INSERT INTO public.typed (id) VALUES (2)",
        "CREATE TABLE sales.\"Orders\" (id int PRIMARY KEY, item text)",
        "INSERT INTO sales.\"Orders\" VALUES (1, 'book'), (2, 'pen')",
        "CREATE TABLE public.events (id int PRIMARY KEY, body text, updated_at timestamptz)");
  }

  private static TableSync full(String table) {
    return new TableSync(table, SyncMode.FULL, List.of("id"), Optional.empty(), Duration.ZERO);
  }

  private static TableSync incremental(String table, String column, Duration overlap) {
    return new TableSync(table, SyncMode.INCREMENTAL, List.of("id"), Optional.of(column), overlap);
  }

  private ExtractSummary extract(TableSync table, Optional<String> since, RowSink sink) {
    return connector.extract(SharedPostgres.connection(), new ExtractRequest(table, since), sink);
  }

  @Test
  void aFullExtractMapsEveryTypeToThePortsJavaTypes() {
    RecordingSink sink = new RecordingSink();

    ExtractSummary summary = extract(full("typed"), Optional.empty(), sink);

    assertThat(summary.rows()).isEqualTo(2);
    assertThat(summary.maxWatermark()).isEmpty();
    assertThat(sink.begun).isEqualTo(1);
    assertThat(sink.columns)
        .containsExactly(
            new Column("id", ColumnType.LONG),
            new Column("small", ColumnType.LONG),
            new Column("amount", ColumnType.DECIMAL),
            new Column("ratio", ColumnType.DOUBLE),
            new Column("paid", ColumnType.BOOLEAN),
            new Column("due", ColumnType.DATE),
            new Column("at", ColumnType.TIMESTAMP),
            new Column("local_at", ColumnType.TIMESTAMP),
            new Column("payload", ColumnType.BYTES),
            new Column("doc", ColumnType.JSON),
            new Column("tags", ColumnType.JSON),
            new Column("note", ColumnType.STRING),
            new Column("ref", ColumnType.STRING),
            new Column("span", ColumnType.STRING));
    List<Object> row =
        sink.rows.stream().filter(r -> r.get(0).equals(1L)).findFirst().orElseThrow();
    assertThat(row.get(1)).isEqualTo(7L);
    assertThat(row.get(2)).isEqualTo(new BigDecimal("1234.50"));
    assertThat(row.get(3)).isEqualTo(0.25);
    assertThat(row.get(4)).isEqualTo(true);
    assertThat(row.get(5)).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(row.get(6)).isEqualTo(Instant.parse("2024-05-01T08:15:30.123456Z"));
    assertThat(row.get(7)).isEqualTo(Instant.parse("2024-05-01T10:15:30.500Z"));
    assertThat((byte[]) row.get(8)).containsExactly(0x00, 0xff);
    assertThat(row.get(9)).isEqualTo("{\"a\": [1, 2]}");
    assertThat(row.get(10)).isEqualTo("[\"x\",\"y\\\"z\"]");
    assertThat(row.get(11)).isEqualTo("héllo");
    assertThat(row.get(12)).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    assertThat(row.get(13)).isEqualTo("1 day 02:00:00");
    List<Object> nulls =
        sink.rows.stream().filter(r -> r.get(0).equals(2L)).findFirst().orElseThrow();
    assertThat(nulls.subList(1, nulls.size())).containsOnlyNulls();
  }

  @Test
  void findsSchemaQualifiedAndMixedCaseTables() {
    RecordingSink exact = new RecordingSink();
    extract(full("sales.Orders"), Optional.empty(), exact);
    assertThat(exact.column("item")).containsExactlyInAnyOrder("book", "pen");

    SharedPostgres.execute(
        "CREATE TABLE IF NOT EXISTS public.named (id int PRIMARY KEY)",
        "INSERT INTO public.named VALUES (1) ON CONFLICT DO NOTHING");
    RecordingSink folded = new RecordingSink();
    extract(full("PUBLIC.Named"), Optional.empty(), folded);
    assertThat(folded.rows).hasSize(1);
  }

  @Test
  void anIncrementalExtractStartsTheOverlapBeforeTheWatermarkSoLateCommitsAreReadAgain() {
    Instant t0 = Instant.parse("2024-06-01T12:00:00Z");
    SharedPostgres.execute(
        "TRUNCATE public.events",
        "INSERT INTO public.events VALUES (1, 'a', '"
            + t0
            + "'), (2, 'b', '"
            + t0.plusSeconds(60)
            + "'),"
            + " (3, 'no time', NULL)");
    TableSync table = incremental("events", "updated_at", Duration.ofMinutes(5));

    RecordingSink first = new RecordingSink();
    ExtractSummary initial = extract(table, Optional.empty(), first);

    assertThat(initial.rows()).isEqualTo(3); // no watermark yet: the whole table, NULLs included
    assertThat(initial.maxWatermark()).contains("2024-06-01T12:01:00Z");

    // Committed after the first extract but stamped before its watermark (a long transaction),
    // one row well before the overlap window, and one new row.
    SharedPostgres.execute(
        "INSERT INTO public.events VALUES (4, 'late', '"
            + t0.plusSeconds(30)
            + "'),"
            + " (5, 'old', '"
            + t0.minus(Duration.ofHours(1))
            + "'),"
            + " (6, 'new', '"
            + t0.plusSeconds(600).plusMillis(250)
            + "')",
        "UPDATE public.events SET body = 'b2', updated_at = '"
            + t0.plusSeconds(700)
            + "' WHERE id = 2");
    RecordingSink second = new RecordingSink();
    ExtractSummary next = extract(table, initial.maxWatermark(), second);

    assertThat(second.column("id")).containsExactlyInAnyOrder(1L, 2L, 4L, 6L);
    assertThat(second.column("body")).contains("late", "b2");
    assertThat(next.maxWatermark()).contains("2024-06-01T12:11:40Z");
    assertThat(next.rows()).isEqualTo(4);

    RecordingSink nothing = new RecordingSink();
    ExtractSummary empty =
        extract(
            incremental("events", "updated_at", Duration.ZERO),
            Optional.of("2030-01-01T00:00:00Z"),
            nothing);
    assertThat(empty.rows()).isZero();
    assertThat(empty.maxWatermark()).isEmpty();
    assertThat(nothing.begun).isEqualTo(1);
  }

  @Test
  void numericDateAndStringWatermarksRoundTripThroughTheirColumnTypes() {
    SharedPostgres.execute(
        "DROP TABLE IF EXISTS public.numbered, public.daily",
        "CREATE TABLE public.numbered (id bigint PRIMARY KEY, version numeric(20,3), code text, day date)",
        "INSERT INTO public.numbered SELECT g, g * 1.5, 'k' || lpad(g::text, 3, '0'),"
            + " date '2024-01-01' + g FROM generate_series(1, 20) g");

    ExtractSummary byId =
        extract(
            incremental("numbered", "id", Duration.ofHours(1)),
            Optional.of("15"),
            new RecordingSink());
    assertThat(byId.rows()).isEqualTo(6); // 15..20: inclusive, no time overlap for numbers
    assertThat(byId.maxWatermark()).contains("20");

    ExtractSummary byVersion =
        extract(
            incremental("numbered", "version", Duration.ZERO),
            Optional.of("27.000"),
            new RecordingSink());
    assertThat(byVersion.rows()).isEqualTo(3);
    assertThat(byVersion.maxWatermark()).contains("30.000");

    ExtractSummary byCode =
        extract(
            incremental("numbered", "code", Duration.ZERO),
            Optional.of("k018"),
            new RecordingSink());
    assertThat(byCode.rows()).isEqualTo(3);
    assertThat(byCode.maxWatermark()).contains("k020");

    ExtractSummary byDay =
        extract(
            incremental("numbered", "day", Duration.ofHours(25)),
            Optional.of("2024-01-19"),
            new RecordingSink());
    assertThat(byDay.rows()).isEqualTo(5); // from 2024-01-17 (25 hours round up to 2 days) to 01-21
    assertThat(byDay.maxWatermark()).contains("2024-01-21");

    assertThatThrownBy(
            () ->
                extract(
                    incremental("numbered", "id", Duration.ZERO),
                    Optional.of("2024-01-01T00:00:00Z"),
                    new RecordingSink()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("is not a long value of column id");
  }

  @Test
  void streamsABigTableThroughACursorWithBoundedMemory() {
    // 200k rows of ~1 KB: about 200 MB if the driver buffered the result, as it does without a
    // cursor. With one, the heap holds a fetch-size window.
    SharedPostgres.execute(
        "DROP TABLE IF EXISTS public.wide",
        "CREATE TABLE public.wide AS SELECT g AS id, repeat(md5(g::text), 32) AS body"
            + " FROM generate_series(1, 200000) g");
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long[] growthAtFirstRow = {-1};
    long[] count = {0};
    long baseline = usedHeapAfterGc(memory);
    RowSink measuring =
        new RowSink() {
          @Override
          public void begin(List<Column> columns) {}

          @Override
          public void accept(List<Object> row) {
            if (count[0]++ == 1_000) {
              growthAtFirstRow[0] = usedHeapAfterGc(memory) - baseline;
            }
          }
        };

    ExtractSummary summary =
        new PostgresSourceConnector(TESTS, 2_000, Duration.ofSeconds(10))
            .extract(
                SharedPostgres.connection(),
                new ExtractRequest(full("wide"), Optional.empty()),
                measuring);

    assertThat(summary.rows()).isEqualTo(200_000);
    assertThat(growthAtFirstRow[0]).isLessThan(40L * 1024 * 1024);
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) {
    System.gc();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x; drop table events",
        "\"events\"",
        "events--",
        "a.b.c",
        "events where true",
        "pg_catalog.pg_authid)",
        "1events"
      })
  void refusesHostileTableNamesBeforeConnecting(String name) {
    TableSync table =
        new TableSync(name, SyncMode.FULL, List.of(), Optional.empty(), Duration.ZERO);
    Map<String, Secret> unreachable =
        Map.of("url", Secret.of("jdbc:postgresql://127.0.0.1:1/db"), "user", Secret.of("u"));

    assertThatThrownBy(
            () ->
                connector.extract(
                    unreachable, new ExtractRequest(table, Optional.empty()), new RecordingSink()))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessageContaining("invalid table name");
  }

  @Test
  void refusesAHostileWatermarkColumn() {
    assertThatThrownBy(
            () ->
                extract(
                    incremental("events", "updated_at >= now() or 1=1 --", Duration.ZERO),
                    Optional.of("2024-01-01T00:00:00Z"),
                    new RecordingSink()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("invalid column name");
  }

  @Test
  void anUnknownTableOrColumnIsAPermanentFailure() {
    assertThatThrownBy(() -> extract(full("no_such_table"), Optional.empty(), new RecordingSink()))
        .isInstanceOfSatisfying(
            PermanentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTOR_FAILED))
        .hasMessageContaining("no table or view no_such_table");
    assertThatThrownBy(
            () ->
                extract(
                    incremental("events", "changed_at", Duration.ZERO),
                    Optional.empty(),
                    new RecordingSink()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("has no watermark column changed_at");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:postgresql://169.254.169.254:5432/db",
        "jdbc:postgresql://169.254.10.10:5432/db",
        "jdbc:postgresql://[fe80::1]:5432/db",
        "jdbc:postgresql://metadata.google.internal/db",
        "jdbc:postgresql://[::ffff:169.254.169.254]:5432/db",
        "postgresql://u:p@0.0.0.0:5432/db",
        "jdbc:postgresql://10.0.0.7:5432,169.254.169.254:5432/db"
      })
  void refusesLinkLocalAndMetadataHostsWithoutConnecting(String url) {
    Map<String, Secret> connection = Map.of("url", Secret.of(url), "user", Secret.of("u"));

    assertThatThrownBy(
            () ->
                new PostgresSourceConnector(HostPolicy.defaults())
                    .extract(
                        connection,
                        new ExtractRequest(full("events"), Optional.empty()),
                        new RecordingSink()))
        .isInstanceOfSatisfying(
            PermanentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTOR_FAILED))
        .hasMessageContaining("is refused by the host policy");
  }

  @Test
  void refusesLoopbackUnlessTheConnectorIsConfiguredForIt() {
    assertThatThrownBy(
            () ->
                new PostgresSourceConnector(HostPolicy.defaults())
                    .extract(
                        SharedPostgres.connection(),
                        new ExtractRequest(full("events"), Optional.empty()),
                        new RecordingSink()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining(
            "connector host 127.0.0.1 is refused by the host policy: it is a loopback address");
  }

  @Test
  void checksTheResolvedAddressAgainWhenTheSocketConnects() throws Exception {
    // As if a name had passed the policy and then resolved to loopback (DNS rebinding).
    PolicySocketFactory factory =
        new PolicySocketFactory(PolicySocketFactory.register(HostPolicy.defaults()));
    try (Socket socket = factory.createSocket()) {
      assertThatThrownBy(
              () ->
                  socket.connect(
                      new InetSocketAddress(
                          InetAddress.getLoopbackAddress(), SharedPostgres.port()),
                      1000))
          .isInstanceOf(PolicySocketFactory.Refused.class)
          .hasMessageContaining("loopback");
    }
  }

  @Test
  void refusesUrlParametersThatWouldLoadClassesOrFiles() {
    Map<String, Secret> connection = new HashMap<>(SharedPostgres.connection());
    connection.put(
        "url",
        Secret.of(
            "jdbc:postgresql://127.0.0.1:"
                + SharedPostgres.port()
                + "/postgres?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext"));

    assertThatThrownBy(
            () ->
                connector.extract(
                    connection,
                    new ExtractRequest(full("events"), Optional.empty()),
                    new RecordingSink()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("parameter 'socketFactory' is not allowed");
  }

  @Test
  void acceptsALibpqUrlWithCredentialsInside() {
    Map<String, Secret> connection =
        Map.of(
            "connection_url",
            Secret.of(
                "postgresql://postgres:postgres@127.0.0.1:"
                    + SharedPostgres.port()
                    + "/postgres?sslmode=disable"));

    ExtractSummary summary =
        connector.extract(
            connection,
            new ExtractRequest(full("sales.Orders"), Optional.empty()),
            new RecordingSink());

    assertThat(summary.rows()).isEqualTo(2);
  }

  @Test
  void badCredentialsArePermanentAndAnUnreachableServerIsTransient() {
    SharedPostgres.execute(
        "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reader') THEN"
            + " CREATE ROLE reader LOGIN PASSWORD 'right'; END IF; END$$",
        "ALTER SYSTEM SET password_encryption = 'scram-sha-256'");
    Map<String, Secret> wrong = new HashMap<>(SharedPostgres.connection());
    wrong.put("user", Secret.of("no_such_role"));
    assertThatThrownBy(
            () ->
                connector.extract(
                    wrong,
                    new ExtractRequest(full("events"), Optional.empty()),
                    new RecordingSink()))
        .isInstanceOf(PermanentException.class)
        .hasMessageNotContaining("postgres\"");

    Map<String, Secret> closed =
        Map.of("url", Secret.of("jdbc:postgresql://127.0.0.1:1/postgres"), "user", Secret.of("u"));
    assertThatThrownBy(
            () ->
                connector.extract(
                    closed,
                    new ExtractRequest(full("events"), Optional.empty()),
                    new RecordingSink()))
        .isInstanceOfSatisfying(
            TransientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTOR_UNAVAILABLE));
  }

  @Test
  void aFailingSinkIsNotDisguised() {
    RuntimeException lakehouseDown = new IllegalStateException("lakehouse down");
    RowSink failing =
        new RowSink() {
          @Override
          public void begin(List<Column> columns) {}

          @Override
          public void accept(List<Object> row) {
            throw lakehouseDown;
          }
        };

    assertThatThrownBy(() -> extract(full("sales.Orders"), Optional.empty(), failing))
        .isSameAs(lakehouseDown);
  }
}
