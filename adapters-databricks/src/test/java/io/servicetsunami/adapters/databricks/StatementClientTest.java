package io.servicetsunami.adapters.databricks;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicetsunami.adapters.databricks.StatementWire.Parameter;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Secret;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Statement Execution API's wire protocol, replayed from the committed fixtures. */
class StatementClientTest {

  private static final String STATEMENT_ID = "01f0a7c3-5d2e-1b4f-9c8a-3e6d2b1f0a9c";
  private static final String COLUMNS_QUERY =
      "SELECT column_name, full_data_type FROM `lakehouse_test`.information_schema.columns"
          + " WHERE table_schema = :table_schema AND table_name = :table_name"
          + " ORDER BY ordinal_position";
  private static final List<Parameter> COLUMNS_PARAMETERS =
      List.of(
          new Parameter("table_schema", "t_5b1f0c9e2d7a4e8f9a3b6c1d2e4f5a6b_bronze", "STRING"),
          new Parameter("table_name", "orders", "STRING"));

  private final ScriptedServer server = startServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void sendsTheDocumentedRequestAndPollsUntilTheResultThenFollowsItsChunks() throws Exception {
    server
        .reply(200, "statement-pending.json")
        .reply(200, "statement-running.json")
        .reply(200, "statement-succeeded.json")
        .reply(200, "result-chunk-1.json");

    StatementClient.Result result =
        client(settings()).execute(COLUMNS_QUERY, COLUMNS_PARAMETERS, "describing orders");

    assertThat(result.columns()).containsExactly("column_name", "full_data_type");
    assertThat(result.rows())
        .containsExactly(
            List.of("id", "bigint"), List.of("status", "string"), Arrays.asList("deleted", null));
    List<ScriptedServer.Received> received = server.received();
    assertThat(received)
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "POST /api/2.0/sql/statements",
            "GET /api/2.0/sql/statements/" + STATEMENT_ID,
            "GET /api/2.0/sql/statements/" + STATEMENT_ID,
            "GET /api/2.0/sql/statements/" + STATEMENT_ID + "/result/chunks/1");
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(received.get(0).body()))
        .isEqualTo(json.readTree(ScriptedServer.fixture("execute-request.json")));
    for (ScriptedServer.Received request : received) {
      assertThat(header(request, "Authorization")).isEqualTo("Bearer " + FakeSqlWarehouse.TOKEN);
    }
    assertThat(header(received.get(0), "Content-Type")).isEqualTo("application/json");
  }

  @Test
  void pollingBacksOffFromThePollInterval() {
    server
        .reply(200, "statement-pending.json")
        .reply(200, "statement-running.json")
        .reply(200, "statement-running.json")
        .reply(200, "statement-ddl-succeeded.json");

    client(
            settings()
                .withTimings(Duration.ofSeconds(5), Duration.ofMillis(40), Duration.ofMinutes(1)))
        .execute("CREATE SCHEMA IF NOT EXISTS x", List.of(), "creating x");

    List<ScriptedServer.Received> received = server.received();
    long firstPause = millisBetween(received.get(0), received.get(1));
    long thirdPause = millisBetween(received.get(2), received.get(3));
    assertThat(firstPause).isGreaterThanOrEqualTo(40);
    assertThat(thirdPause).isGreaterThanOrEqualTo(160);
  }

  @Test
  void aStatementWithoutResultSetHasNoRows() {
    server.reply(200, "statement-ddl-succeeded.json");

    StatementClient.Result result =
        client(settings()).execute("DROP TABLE IF EXISTS x", List.of(), "dropping x");

    assertThat(result.rows()).isEmpty();
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void waitsAsToldByRetryAfterWhenThrottled() {
    server
        .reply(429, "error-rate-limited.json", Map.of("Retry-After", "1"))
        .reply(200, "statement-ddl-succeeded.json");

    client(settings().withRetries(3, Duration.ofSeconds(5)))
        .execute("DROP TABLE IF EXISTS x", List.of(), "dropping x");

    List<ScriptedServer.Received> received = server.received();
    assertThat(received).hasSize(2);
    assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
    assertThat(millisBetween(received.get(0), received.get(1))).isGreaterThanOrEqualTo(950);
  }

  @Test
  void givesUpAfterTheLastAttemptWithTheServersRetryAfter() {
    for (int i = 0; i < 3; i++) {
      server.reply(503, "error-rate-limited.json", Map.of("Retry-After", "0"));
    }

    TransientException error =
        assertPortError(
            TransientException.class,
            ErrorCode.LAKEHOUSE_UNAVAILABLE,
            () ->
                client(settings().withRetries(3, Duration.ofMillis(10)))
                    .execute("SELECT 1", List.of(), "selecting one"));

    assertThat(error.retryAfter()).contains(Duration.ZERO);
    assertThat(error).hasMessageContaining("HTTP 503").hasMessageContaining("3 attempts");
    assertThat(server.received()).hasSize(3);
  }

  @Test
  void aPollAnsweredWithAServerErrorIsRepeated() {
    server
        .reply(200, "statement-pending.json")
        .reply(502, "error-rate-limited.json")
        .reply(200, "statement-ddl-succeeded.json");

    client(settings()).execute("DROP TABLE IF EXISTS x", List.of(), "dropping x");

    assertThat(server.received()).hasSize(3);
  }

  @Test
  void aSubmissionAnsweredWithAServerErrorIsNotRepeatedBecauseItMayHaveRun() {
    server.reply(502, "error-rate-limited.json").reply(200, "statement-ddl-succeeded.json");

    assertPortError(
        TransientException.class,
        ErrorCode.LAKEHOUSE_UNAVAILABLE,
        () -> client(settings()).execute("INSERT INTO x VALUES (1)", List.of(), "inserting"));
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void aFailedStatementIsAPermanentErrorWithTheWarehousesMessage() {
    server.reply(200, "statement-failed.json");

    PermanentException error =
        assertPortError(
            PermanentException.class,
            ErrorCode.INTERNAL,
            () -> client(settings()).execute("SELECT * FROM x", List.of(), "reading orders"));

    assertThat(error)
        .hasMessageStartingWith("reading orders failed (BAD_REQUEST)")
        .hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND");
  }

  @Test
  void aStatementThatFailedForNowIsTransient() {
    server.replyRaw(
        200,
        ScriptedServer.fixture("statement-failed.json")
            .replace("\"BAD_REQUEST\"", "\"TEMPORARILY_UNAVAILABLE\""));

    assertPortError(
        TransientException.class,
        ErrorCode.LAKEHOUSE_UNAVAILABLE,
        () -> client(settings()).execute("SELECT 1", List.of(), "selecting one"));
  }

  @Test
  void refusedCredentialsArePermanentAndNotRetried() {
    server.reply(401, "error-unauthenticated.json");

    PermanentException error =
        assertPortError(
            PermanentException.class,
            ErrorCode.INTERNAL,
            () -> client(settings()).execute("SELECT 1", List.of(), "selecting one"));

    assertThat(error).hasMessageContaining("HTTP 401").hasMessageContaining("UNAUTHENTICATED");
    assertThat(error.getMessage()).doesNotContain(FakeSqlWarehouse.TOKEN);
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void aStatementRunningPastItsTimeoutIsCancelled() {
    server.reply(200, "statement-pending.json");
    for (int i = 0; i < 20; i++) {
      server.reply(200, "statement-running.json");
    }

    TransientException error =
        assertPortError(
            TransientException.class,
            ErrorCode.LAKEHOUSE_UNAVAILABLE,
            () ->
                client(
                        settings()
                            .withTimings(
                                Duration.ZERO, Duration.ofMillis(20), Duration.ofMillis(100)))
                    .execute("SELECT 1", List.of(), "selecting one"));

    assertThat(error).hasMessageContaining("cancelled");
    List<ScriptedServer.Received> received = server.received();
    assertThat(received.get(received.size() - 1).path())
        .isEqualTo("/api/2.0/sql/statements/" + STATEMENT_ID + "/cancel");
    assertThat(received.get(0).body()).contains("\"wait_timeout\":\"0s\"");
  }

  // ---- helpers
  // -----------------------------------------------------------------------------------

  private static ScriptedServer startServer() {
    try {
      return new ScriptedServer();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private DatabricksSettings settings() {
    return settings(server);
  }

  private static DatabricksSettings settings(ScriptedServer server) {
    return DatabricksSettings.of(
            server.uri(),
            Secret.of(FakeSqlWarehouse.TOKEN),
            FakeSqlWarehouse.WAREHOUSE_ID,
            FakeSqlWarehouse.CATALOG)
        .withTimings(Duration.ofSeconds(10), Duration.ofMillis(5), Duration.ofSeconds(30))
        .withRetries(5, Duration.ofMillis(50));
  }

  private static StatementClient client(DatabricksSettings settings) {
    return new StatementClient(settings, HttpClient.newHttpClient());
  }

  private static String header(ScriptedServer.Received request, String name) {
    return request.headers().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().get(0))
        .findFirst()
        .orElse(null);
  }

  private static long millisBetween(ScriptedServer.Received a, ScriptedServer.Received b) {
    return (b.atNanos() - a.atNanos()) / 1_000_000;
  }
}
