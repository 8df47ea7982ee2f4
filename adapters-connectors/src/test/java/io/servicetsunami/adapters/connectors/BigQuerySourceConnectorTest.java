package io.servicetsunami.adapters.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.adapters.connectors.FakeBigQueryServer.FakeField;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.out.SourceConnector.ExtractRequest;
import io.servicetsunami.ports.out.SourceConnector.ExtractSummary;
import java.math.BigDecimal;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The BigQuery connector, through Google's real client library (REST transport, no gRPC on the
 * class path), against a loopback server speaking BigQuery's REST API and the OAuth token endpoint
 * ({@link FakeBigQueryServer}). What this cannot show: BigQuery's SQL semantics (the fake answers
 * the statement shape the connector sends), TLS, and real IAM.
 */
class BigQuerySourceConnectorTest {

  private static final Instant T0 = Instant.parse("2024-06-01T12:00:00.123456Z");
  private static String privateKeyPem;

  private FakeBigQueryServer server;
  private BigQuerySourceConnector connector;

  @BeforeAll
  static void key() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    privateKeyPem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
  }

  @BeforeEach
  void start() {
    server = new FakeBigQueryServer();
    connector =
        new BigQuerySourceConnector(
            HostPolicy.builder().allowLoopback(true).build(), URI.create(server.root()), 2);
    server.table(
        "acme-analytics",
        "sales",
        "orders",
        List.of(
            new FakeField("id", "INTEGER"),
            new FakeField("amount", "NUMERIC"),
            new FakeField("ratio", "FLOAT"),
            new FakeField("item", "STRING"),
            new FakeField("paid", "BOOLEAN"),
            new FakeField("due", "DATE"),
            new FakeField("updated_at", "TIMESTAMP"),
            new FakeField("local_at", "DATETIME"),
            new FakeField("raw", "BYTES"),
            new FakeField("tags", "STRING", "REPEATED", List.of()),
            new FakeField(
                "buyer",
                "RECORD",
                "NULLABLE",
                List.of(new FakeField("name", "STRING"), new FakeField("vip", "BOOLEAN")))),
        List.of(
            row(
                1L,
                new BigDecimal("12.5"),
                0.5,
                "book",
                true,
                LocalDate.of(2024, 2, 29),
                T0,
                LocalDateTime.of(2024, 6, 1, 12, 0),
                new byte[] {0, (byte) 0xff},
                List.of("a", "b\"c"),
                List.of("Ada", true)),
            row(
                2L,
                new BigDecimal("3"),
                1.5,
                "pen",
                false,
                LocalDate.of(2024, 3, 1),
                T0.plusSeconds(60),
                LocalDateTime.of(2024, 6, 1, 12, 1),
                new byte[] {1},
                List.of(),
                null),
            row(3L, null, null, null, null, null, null, null, null, null, null),
            row(
                4L,
                new BigDecimal("1"),
                2.0,
                "ink",
                true,
                LocalDate.of(2024, 3, 2),
                T0.minusSeconds(3600),
                LocalDateTime.of(2024, 6, 1, 11, 0),
                new byte[] {2},
                List.of("x"),
                List.of("Bo", false)),
            row(
                5L,
                new BigDecimal("2"),
                3.0,
                "cap",
                true,
                LocalDate.of(2024, 3, 3),
                T0.plusSeconds(5),
                LocalDateTime.of(2024, 6, 1, 12, 0, 5),
                new byte[] {3},
                List.of(),
                null)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  private Map<String, Secret> connection(String tokenUri) {
    String key =
        "{\"type\": \"service_account\", \"project_id\": \"acme-analytics\", \"private_key_id\": \"4f1e2d3c\","
            + " \"private_key\": \""
            + privateKeyPem.replace("\n", "\\n")
            + "\","
            + " \"client_email\": \"loader@acme-analytics.iam.gserviceaccount.com\", \"client_id\": \"110011\","
            + " \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\", \"token_uri\": \""
            + tokenUri
            + "\","
            + " \"universe_domain\": \"googleapis.com\"}";
    return Map.of("service_account_json", Secret.of(key), "location", Secret.of("EU"));
  }

  private Map<String, Secret> connection() {
    return connection(server.root() + "/token");
  }

  private static TableSync full(String table) {
    return new TableSync(table, SyncMode.FULL, List.of("id"), Optional.empty(), Duration.ZERO);
  }

  @Test
  void runsWithoutAGrpcTransportOnTheClassPath() {
    // grpc-api stays (io.grpc.Context, for OpenCensus); no channel implementation, no transport.
    assertThatThrownBy(() -> Class.forName("io.grpc.internal.ManagedChannelImplBuilder"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(
            () -> Class.forName("io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("com.google.api.gax.grpc.GrpcTransportChannel"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(
            () -> Class.forName("com.google.cloud.bigquery.storage.v1.BigQueryReadClient"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void readsATablePageByPageThroughTheRestApi() {
    RecordingSink sink = new RecordingSink();

    ExtractSummary summary =
        connector.extract(
            connection(), new ExtractRequest(full("sales.orders"), Optional.empty()), sink);

    assertThat(summary.rows()).isEqualTo(5);
    assertThat(summary.maxWatermark()).isEmpty();
    assertThat(sink.columns)
        .containsExactly(
            new Column("id", ColumnType.LONG),
            new Column("amount", ColumnType.DECIMAL),
            new Column("ratio", ColumnType.DOUBLE),
            new Column("item", ColumnType.STRING),
            new Column("paid", ColumnType.BOOLEAN),
            new Column("due", ColumnType.DATE),
            new Column("updated_at", ColumnType.TIMESTAMP),
            new Column("local_at", ColumnType.TIMESTAMP),
            new Column("raw", ColumnType.BYTES),
            new Column("tags", ColumnType.JSON),
            new Column("buyer", ColumnType.JSON));
    List<Object> first = sink.rows.get(0);
    assertThat(first.subList(0, 8))
        .containsExactly(
            1L,
            new BigDecimal("12.5"),
            0.5,
            "book",
            true,
            LocalDate.of(2024, 2, 29),
            T0,
            Instant.parse("2024-06-01T12:00:00Z"));
    assertThat((byte[]) first.get(8)).containsExactly(0, 0xff);
    assertThat(first.get(9)).isEqualTo("[\"a\",\"b\\\"c\"]");
    assertThat(first.get(10)).isEqualTo("{\"name\":\"Ada\",\"vip\":true}");
    assertThat(sink.rows.get(2).subList(1, 11)).containsOnlyNulls();

    List<String> calls = server.received().stream().map(r -> r.method() + " " + r.path()).toList();
    assertThat(calls.get(0)).isEqualTo("POST /token");
    assertThat(calls)
        .contains(
            "GET /bigquery/v2/projects/acme-analytics/datasets/sales/tables/orders",
            "POST /bigquery/v2/projects/acme-analytics/jobs");
    FakeBigQueryServer.Received insert =
        server.received().stream()
            .filter(r -> r.path().endsWith("/jobs"))
            .findFirst()
            .orElseThrow();
    assertThat(insert.body().path("configuration").path("query").path("query").asText())
        .isEqualTo(
            "SELECT `id`, `amount`, `ratio`, `item`, `paid`, `due`, `updated_at`, `local_at`, `raw`,"
                + " `tags`, `buyer` FROM `acme-analytics`.`sales`.`orders`");
    assertThat(insert.body().path("configuration").path("query").path("useLegacySql").asBoolean())
        .isFalse();
    assertThat(insert.body().path("jobReference").path("location").asText()).isEqualTo("EU");
    // Paged: the first page has the page size asked for; the client library (2.59) asks for the
    // following pages by token alone, so their size is the server's (BigQuery caps a page at about
    // 10 MB). Never the whole result in one response.
    List<FakeBigQueryServer.Received> pages =
        server.received().stream().filter(r -> r.path().endsWith("/data")).toList();
    assertThat(pages).as(calls.toString()).hasSize(2);
    assertThat(pages.get(0).query())
        .containsEntry("maxResults", "2")
        .doesNotContainKey("pageToken");
    assertThat(pages.get(1).query()).containsEntry("pageToken", "2");
  }

  @Test
  void passesTheWatermarkAsANamedTimestampParameterLessTheOverlap() {
    TableSync incremental =
        new TableSync(
            "acme-analytics.sales.orders",
            SyncMode.INCREMENTAL,
            List.of("id"),
            Optional.of("updated_at"),
            Duration.ofSeconds(10));
    RecordingSink sink = new RecordingSink();

    ExtractSummary summary =
        connector.extract(
            connection(),
            new ExtractRequest(incremental, Optional.of("2024-06-01T12:00:10.123456Z")),
            sink);

    assertThat(sink.column("id")).containsExactlyInAnyOrder(1L, 2L, 5L);
    assertThat(summary.maxWatermark()).contains("2024-06-01T12:01:00.123456Z");
    FakeBigQueryServer.Received insert =
        server.received().stream()
            .filter(r -> r.path().endsWith("/jobs"))
            .findFirst()
            .orElseThrow();
    assertThat(insert.body().path("configuration").path("query").path("query").asText())
        .endsWith(" WHERE `updated_at` >= @since");
    var parameter =
        insert.body().path("configuration").path("query").path("queryParameters").get(0);
    assertThat(parameter.path("name").asText()).isEqualTo("since");
    assertThat(parameter.path("parameterType").path("type").asText()).isEqualTo("TIMESTAMP");
    assertThat(parameter.path("parameterValue").path("value").asText())
        .startsWith("2024-06-01 12:00:00.123456");
  }

  @Test
  void anIntegerWatermarkIsInclusiveWithoutOverlap() {
    TableSync incremental =
        new TableSync(
            "sales.orders",
            SyncMode.INCREMENTAL,
            List.of("id"),
            Optional.of("id"),
            Duration.ofHours(1));

    ExtractSummary summary =
        connector.extract(
            connection(), new ExtractRequest(incremental, Optional.of("4")), new RecordingSink());

    assertThat(summary.rows()).isEqualTo(2);
    assertThat(summary.maxWatermark()).contains("5");
  }

  @Test
  void aBackendErrorIsTransientAndAccessDeniedIsPermanent() {
    server.failNext(1);
    assertThatThrownBy(
            () ->
                connector.extract(
                    connection(),
                    new ExtractRequest(full("sales.orders"), Optional.empty()),
                    new RecordingSink()))
        .isInstanceOfSatisfying(
            TransientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTOR_UNAVAILABLE))
        .hasMessageContaining("HTTP 503, backendError");

    ExtractSummary retried =
        connector.extract(
            connection(),
            new ExtractRequest(full("sales.orders"), Optional.empty()),
            new RecordingSink());
    assertThat(retried.rows()).isEqualTo(5);

    server.denyJobs();
    assertThatThrownBy(
            () ->
                connector.extract(
                    connection(),
                    new ExtractRequest(full("sales.orders"), Optional.empty()),
                    new RecordingSink()))
        .isInstanceOfSatisfying(
            PermanentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTOR_FAILED))
        .hasMessageContaining("HTTP 403, accessDenied")
        .hasMessageContaining("bigquery.jobs.create");
  }

  @Test
  void anUnknownTableIsAPermanentFailure() {
    assertThatThrownBy(
            () ->
                connector.extract(
                    connection(),
                    new ExtractRequest(full("sales.nope"), Optional.empty()),
                    new RecordingSink()))
        .isInstanceOfSatisfying(
            PermanentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTOR_FAILED))
        .hasMessageContaining("sales.nope");
  }

  @Test
  void refusesATokenUriOnAMetadataOrLoopbackHost() {
    assertThatThrownBy(
            () ->
                connector.extract(
                    connection("http://169.254.169.254/computeMetadata/v1/token"),
                    new ExtractRequest(full("sales.orders"), Optional.empty()),
                    new RecordingSink()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("cloud metadata service");
    assertThatThrownBy(
            () ->
                new BigQuerySourceConnector(HostPolicy.defaults(), URI.create(server.root()), 10)
                    .extract(
                        connection(),
                        new ExtractRequest(full("sales.orders"), Optional.empty()),
                        new RecordingSink()))
        .hasMessageContaining("loopback");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void refusesHostileTableNamesAndBrokenKeys() {
    for (String name :
        List.of(
            "sales.orders` WHERE 1=1 --",
            "x; drop table orders",
            "orders",
            "a.b.c.d",
            "BadProject.sales.orders")) {
      assertThatThrownBy(
              () ->
                  connector.extract(
                      connection(),
                      new ExtractRequest(full(name), Optional.empty()),
                      new RecordingSink()))
          .as(name)
          .isInstanceOf(InvalidInputException.class);
    }
    Map<String, Secret> broken = new HashMap<>(connection());
    broken.put(
        "service_account_json",
        Secret.of("{\"type\": \"authorized_user\", \"private_key\": \"SECRET-PART\"}"));
    assertThatThrownBy(
            () ->
                connector.extract(
                    broken,
                    new ExtractRequest(full("sales.orders"), Optional.empty()),
                    new RecordingSink()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("is not a service account key file")
        .hasMessageNotContaining("SECRET-PART");
    assertThat(server.received()).isEmpty();
  }
}
