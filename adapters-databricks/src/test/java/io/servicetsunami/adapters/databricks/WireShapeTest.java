package io.servicetsunami.adapters.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loopback warehouse answers with exactly the fields of the committed fixtures, so that the
 * contract tests against it exercise the same wire format the fixtures pin.
 */
class WireShapeTest {

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeSqlWarehouse warehouse;

  @BeforeEach
  void start() throws Exception {
    warehouse = new FakeSqlWarehouse();
    warehouse.chunkRows = 2;
  }

  @AfterEach
  void stop() throws Exception {
    warehouse.close();
  }

  @Test
  void aSlowStatementIsPendingThenRunningThenSucceedsWithChunks() throws Exception {
    warehouse.slowEvery = 1;
    JsonNode pending =
        post(
            "SELECT * FROM (VALUES ('id', 'bigint'), ('status', 'string'), ('deleted', NULL))"
                + " AS t(column_name, full_data_type)");
    String id = pending.get("statement_id").asText();

    JsonNode running = get("/api/2.0/sql/statements/" + id);
    get("/api/2.0/sql/statements/" + id);
    JsonNode succeeded = get("/api/2.0/sql/statements/" + id);
    JsonNode chunk = get(succeeded.at("/result/next_chunk_internal_link").asText());

    assertSameShape(pending, "statement-pending.json");
    assertSameShape(running, "statement-running.json");
    assertSameShape(succeeded, "statement-succeeded.json");
    assertSameShape(chunk, "result-chunk-1.json");
    assertThat(succeeded.at("/manifest/total_row_count").asLong()).isEqualTo(3);
    assertThat(chunk.get("data_array")).hasSize(1);
  }

  @Test
  void failuresAndStatementsWithoutRowsHaveTheFixturesShape() throws Exception {
    assertSameShape(post("SELECT * FROM no_such_table"), "statement-failed.json");
    assertSameShape(post("CREATE SCHEMA IF NOT EXISTS `shape`"), "statement-ddl-succeeded.json");
  }

  @Test
  void errorBodiesHaveTheFixturesShape() throws Exception {
    warehouse.failNext(429, 3);
    HttpResponse<String> throttled =
        send(request("/api/2.0/sql/statements/x", FakeSqlWarehouse.TOKEN));
    HttpResponse<String> unauthenticated = send(request("/api/2.0/sql/statements/x", "wrong"));

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).contains("3");
    assertSameShape(json.readTree(throttled.body()), "error-rate-limited.json");
    assertThat(unauthenticated.statusCode()).isEqualTo(401);
    assertSameShape(json.readTree(unauthenticated.body()), "error-unauthenticated.json");
  }

  @Test
  void refusesARequestTheRealApiWouldRefuse() throws Exception {
    HttpResponse<String> response =
        send(
            request(StatementClient.STATEMENTS, FakeSqlWarehouse.TOKEN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(
                            Map.of(
                                "warehouse_id", FakeSqlWarehouse.WAREHOUSE_ID,
                                "statement", "SELECT 1",
                                "wait_timeout", "60s")))));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(warehouse.violations()).containsExactly("wait_timeout must be 0s or 5s to 50s");
  }

  private void assertSameShape(JsonNode actual, String fixture) throws Exception {
    assertThat(paths(actual))
        .as("fields of the fake's answer vs %s", fixture)
        .isEqualTo(paths(json.readTree(ScriptedServer.fixture(fixture))));
  }

  /** Every field path of a JSON document; array elements are merged under {@code []}. */
  private static Set<String> paths(JsonNode node) {
    Set<String> paths = new TreeSet<>();
    collect(node, "", paths);
    return paths;
  }

  private static void collect(JsonNode node, String path, Set<String> paths) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        collect(field.getValue(), path + "/" + field.getKey(), paths);
      }
    } else if (node.isArray()) {
      paths.add(path + "[]");
      node.forEach(element -> collect(element, path + "[]", paths));
    } else {
      paths.add(path);
    }
  }

  private JsonNode post(String statement) throws Exception {
    String body =
        json.writeValueAsString(
            Map.of(
                "warehouse_id", FakeSqlWarehouse.WAREHOUSE_ID,
                "statement", statement,
                "wait_timeout", "10s",
                "on_wait_timeout", "CONTINUE",
                "disposition", "INLINE",
                "format", "JSON_ARRAY"));
    HttpResponse<String> response =
        send(
            request(StatementClient.STATEMENTS, FakeSqlWarehouse.TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(response.statusCode()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send(request(path, FakeSqlWarehouse.TOKEN).GET());
    assertThat(response.statusCode()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpRequest.Builder request(String path, String token) {
    return HttpRequest.newBuilder(URI.create(warehouse.uri() + path))
        .header("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
