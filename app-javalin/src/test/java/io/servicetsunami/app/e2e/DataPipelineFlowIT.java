package io.servicetsunami.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.app.e2e.RunningApp.Reply;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Page;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data pipelines, datasets and chat imports end to end over real HTTP: the assembled app on
 * embedded PostgreSQL and embedded Temporal with both workers, the DuckDB lakehouse, the real
 * PostgreSQL connector reading a table of the same embedded PostgreSQL (through its own read-only
 * role), and knowledge extraction through the real LLM client against a loopback server speaking
 * the Anthropic wire format.
 */
class DataPipelineFlowIT {

  private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(3);

  /** Small, so that an oversized upload is cheap to send. */
  private static final int MAX_UPLOAD_BYTES = 64 * 1024;

  private static LoopbackAnthropic llm;
  private static RunningApp app;
  private static String token;
  private static String other;

  @BeforeAll
  static void start() throws SQLException {
    llm = new LoopbackAnthropic(List.of("Lisbon", "Acme Corp", "Jonas Weber"));
    app =
        RunningApp.start(
            Map.of(
                "CONNECTOR_ALLOW_LOOPBACK",
                "true",
                "LAKEHOUSE_MAX_FILE_BYTES",
                Integer.toString(MAX_UPLOAD_BYTES),
                "ANTHROPIC_API_KEY",
                "sk-ant-loopback",
                "ANTHROPIC_BASE_URL",
                llm.baseUrl()),
            UnaryOperator.identity());
    token = app.newTenantToken("Data");
    other = app.newTenantToken("Snoop");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (llm != null) {
      llm.close();
    }
  }

  @Test
  void aPostgresTablePipelineRunsIntoTheLakehouseAndItsRunShowsInTheHistory() throws Exception {
    String url = sourceTable();
    Reply configured =
        app.send(
            "PUT",
            "/api/v1/skills/postgres_query/config",
            token,
            Map.of("credentials", Map.of("connection_url", url)));
    assertThat(configured.status()).as(configured.text()).isEqualTo(200);
    assertThat(configured.text()).doesNotContain("reader-secret");

    Reply created =
        app.send(
            "POST",
            "/api/v1/data-pipelines/",
            token,
            Map.of(
                "name", "Shop orders",
                "type", "connector_sync",
                "connector",
                    Map.of(
                        "connector_type", "postgresql",
                        "connection_skill", "postgres_query",
                        "tables",
                            List.of(
                                Map.of(
                                    "table", "shop.orders",
                                    "mode", "full",
                                    "primary_key", List.of("id"))))));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.body().path("id").asText();
    assertThat(created.body().path("type").asText()).isEqualTo("connector_sync");
    assertThat(created.body().path("connector").path("tables").get(0).path("table").asText())
        .isEqualTo("shop.orders");
    assertThat(created.body().path("schedule").isNull()).isTrue();
    assertThat(ids(app.send("GET", "/api/v1/data-pipelines/", token, null).body())).contains(id);
    assertThat(
            app.send("GET", "/api/v1/data-pipelines/" + id, token, null)
                .body()
                .path("name")
                .asText())
        .isEqualTo("Shop orders");

    Reply executed = app.send("POST", "/api/v1/data-pipelines/" + id + "/execute", token, null);
    assertThat(executed.status()).as(executed.text()).isEqualTo(202);
    String runId = executed.body().path("id").asText();
    assertThat(executed.body().path("workflow_id").asText()).isEqualTo("scheduled-sync-" + id);
    assertThat(executed.body().path("status").asText()).isEqualTo("running");
    assertThat(executed.body().path("trigger").asText()).isEqualTo("manual");

    JsonNode runs =
        app.await(
            "/api/v1/data-pipelines/" + id + "/runs",
            token,
            SYNC_TIMEOUT,
            list -> list.size() == 1 && !list.get(0).path("status").asText().equals("running"));
    JsonNode run = runs.get(0);
    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("completed");
    assertThat(run.path("id").asText()).isEqualTo(runId);
    assertThat(run.path("pipeline_id").asText()).isEqualTo(id);
    assertThat(run.path("completed_at").isNull()).isFalse();
    assertThat(run.path("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(run.path("error").isNull()).isTrue();
    assertThat(run.path("output").toString()).contains("shop.orders").contains("3");

    Reply paged =
        app.send("GET", "/api/v1/data-pipelines/" + id + "/runs?skip=1&limit=5", token, null);
    assertThat(paged.status()).isEqualTo(200);
    assertThat(paged.body().size()).isZero();

    Reply deleted = app.send("DELETE", "/api/v1/data-pipelines/" + id, token, null);
    assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
    assertThat(app.send("GET", "/api/v1/data-pipelines/" + id, token, null).status())
        .isEqualTo(404);
  }

  @Test
  void anUploadedCsvDatasetIsSyncedByADatasetSyncPipeline() {
    Reply uploaded =
        upload(
            "/api/v1/datasets/upload",
            token,
            "customers.csv",
            "text/csv",
            "id,name,city\n1,Ada,London\n2,Grace,Arlington\n3,Linus,Helsinki\n",
            Map.of("name", "Customers"));
    assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
    String dataset = uploaded.body().path("id").asText();
    assertThat(uploaded.body().path("name").asText()).isEqualTo("Customers");
    assertThat(uploaded.body().path("format").asText()).isEqualTo("csv");
    assertThat(uploaded.body().path("sync_status").asText()).isEqualTo("pending");
    assertThat(uploaded.body().has("storage_ref")).isFalse();

    Reply pipeline =
        app.send(
            "POST",
            "/api/v1/data-pipelines/",
            token,
            Map.of("name", "Customers sync", "type", "dataset_sync", "dataset_id", dataset));
    assertThat(pipeline.status()).as(pipeline.text()).isEqualTo(201);
    String pipelineId = pipeline.body().path("id").asText();
    Reply executed =
        app.send("POST", "/api/v1/data-pipelines/" + pipelineId + "/execute", token, null);
    assertThat(executed.status()).as(executed.text()).isEqualTo(202);
    assertThat(executed.body().path("workflow_id").asText())
        .isEqualTo("dataset-sync-" + dataset + "-" + executed.body().path("id").asText());

    JsonNode synced =
        app.await(
            "/api/v1/datasets/" + dataset,
            token,
            SYNC_TIMEOUT,
            body -> !List.of("pending", "syncing").contains(body.path("sync_status").asText()));
    assertThat(synced.path("sync_status").asText()).as(synced.toString()).isEqualTo("synced");
    assertThat(synced.path("row_count").asLong()).isEqualTo(3);
    assertThat(synced.path("silver_table").asText()).isNotEmpty();
    assertThat(synced.path("last_synced_at").isNull()).isFalse();
    JsonNode runs =
        app.await(
            "/api/v1/data-pipelines/" + pipelineId + "/runs",
            token,
            SYNC_TIMEOUT,
            list -> list.size() == 1 && list.get(0).path("status").asText().equals("completed"));
    assertThat(runs.get(0).path("output").path("rows").asLong()).isEqualTo(3);
    assertThat(ids(app.send("GET", "/api/v1/datasets/", token, null).body())).contains(dataset);
  }

  @Test
  void anOversizedUploadIsRefusedWith413AndStoresNothing() {
    int before = app.send("GET", "/api/v1/datasets/", token, null).body().size();
    String big = "id,text\n" + "1,".concat("x".repeat(MAX_UPLOAD_BYTES)) + "\n";

    Reply refused = upload("/api/v1/datasets/upload", token, "big.csv", "text/csv", big, Map.of());

    assertThat(refused.status()).as(refused.text()).isEqualTo(413);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.body().path("code").asText()).isEqualTo("payload_too_large");
    assertThat(app.send("GET", "/api/v1/datasets/", token, null).body().size()).isEqualTo(before);
  }

  @Test
  void badDatasetAndPipelineRequestsAre400sNamingTheField() {
    Reply unknownFormat =
        upload("/api/v1/datasets/upload", token, "notes.txt", "text/plain", "hello\n", Map.of());
    assertThat(unknownFormat.status()).isEqualTo(400);
    assertThat(unknownFormat.body().path("detail").asText()).contains("format");

    Reply badType =
        app.send("POST", "/api/v1/data-pipelines/", token, Map.of("name", "x", "type", "etl"));
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.header("Content-Type")).startsWith("application/problem+json");
    assertThat(badType.body().path("detail").asText()).contains("type");

    Reply badMode =
        app.send(
            "POST",
            "/api/v1/data-pipelines/",
            token,
            Map.of(
                "name", "x",
                "type", "connector_sync",
                "connector",
                    Map.of(
                        "connector_type", "postgresql",
                        "connection_skill", "postgres_query",
                        "tables", List.of(Map.of("table", "t", "mode", "sometimes")))));
    assertThat(badMode.status()).isEqualTo(400);
    assertThat(badMode.body().path("detail").asText()).contains("connector.tables[0].mode");

    Reply unknownField =
        app.send(
            "POST",
            "/api/v1/data-pipelines/",
            token,
            Map.of("name", "x", "type", "agent_kit", "owner", "me"));
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.body().path("detail").asText()).contains("owner");
  }

  @Test
  void chatGptAndClaudeImportsAnswer202AndTheirEntitiesAppear() throws Exception {
    String tenant =
        app.send("GET", "/api/v1/auth/me", token, null).body().path("tenant_id").asText();
    String conversation = UUID.randomUUID().toString();

    Reply chatgpt =
        app.raw(
            "POST",
            "/api/v1/integrations/import/chatgpt",
            token,
            "application/json",
            chatGptExport(conversation));
    assertThat(chatgpt.status()).as(chatgpt.text()).isEqualTo(202);
    assertThat(chatgpt.body().path("imported").asInt()).isEqualTo(1);
    String chatgptSession = chatgpt.body().path("session_ids").get(0).asText();
    assertThat(chatgpt.body().path("workflow_id").asText())
        .isEqualTo("knowledge-extraction-" + chatgptSession);

    Reply claude =
        upload(
            "/api/v1/integrations/import/claude",
            token,
            "conversations.json",
            "application/json",
            claudeExport(UUID.randomUUID().toString()),
            Map.of());
    assertThat(claude.status()).as(claude.text()).isEqualTo(202);
    assertThat(claude.body().path("workflow_ids").size()).isEqualTo(1);
    assertThat(claude.body().path("workflow_ids").get(0).asText())
        .startsWith("knowledge-extraction-");

    List<String> names = awaitEntities(TenantId.parse(tenant), List.of("Lisbon", "Acme Corp"));
    assertThat(names).contains("Lisbon", "Acme Corp", "Jonas Weber");
    assertThat(llm.calls()).isGreaterThanOrEqualTo(2);

    Reply notAnExport =
        app.raw(
            "POST",
            "/api/v1/integrations/import/claude",
            token,
            "application/json",
            "{\"not\": \"an export\"}");
    assertThat(notAnExport.status()).isEqualTo(400);
    assertThat(notAnExport.body().path("code").asText()).isEqualTo("unsupported_format");
  }

  @Test
  void anotherTenantGets404ForThePipelineItsRunsAndTheDataset() {
    Reply uploaded =
        upload(
            "/api/v1/datasets/upload",
            token,
            "private.json",
            "application/json",
            "[{\"id\": 1, \"secret\": \"a\"}]",
            Map.of());
    assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
    assertThat(uploaded.body().path("format").asText()).isEqualTo("json");
    String dataset = uploaded.body().path("id").asText();
    Reply pipeline =
        app.send(
            "POST",
            "/api/v1/data-pipelines/",
            token,
            Map.of("name", "Private sync", "type", "dataset_sync", "dataset_id", dataset));
    assertThat(pipeline.status()).as(pipeline.text()).isEqualTo(201);
    String id = pipeline.body().path("id").asText();

    for (String[] call :
        List.of(
            new String[] {"GET", "/api/v1/data-pipelines/" + id},
            new String[] {"GET", "/api/v1/data-pipelines/" + id + "/runs"},
            new String[] {"POST", "/api/v1/data-pipelines/" + id + "/execute"},
            new String[] {"DELETE", "/api/v1/data-pipelines/" + id})) {
      Reply reply = app.send(call[0], call[1], other, null);
      assertThat(reply.status()).as(call[0] + " " + call[1]).isEqualTo(404);
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      assertThat(reply.body().path("code").asText()).isEqualTo("pipeline_not_found");
    }
    Reply foreignDataset = app.send("GET", "/api/v1/datasets/" + dataset, other, null);
    assertThat(foreignDataset.status()).isEqualTo(404);
    assertThat(foreignDataset.body().path("code").asText()).isEqualTo("dataset_not_found");
    Reply syncForeign =
        app.send(
            "POST",
            "/api/v1/data-pipelines/",
            other,
            Map.of("name", "Steal", "type", "dataset_sync", "dataset_id", dataset));
    assertThat(syncForeign.status()).isEqualTo(404);
    assertThat(syncForeign.body().path("code").asText()).isEqualTo("dataset_not_found");
    assertThat(ids(app.send("GET", "/api/v1/data-pipelines/", other, null).body()))
        .doesNotContain(id);
    assertThat(ids(app.send("GET", "/api/v1/datasets/", other, null).body()))
        .doesNotContain(dataset);

    // Nothing changed for the owner: no run was started, the pipeline is still there.
    assertThat(app.send("GET", "/api/v1/data-pipelines/" + id + "/runs", token, null).body().size())
        .isZero();
    assertThat(app.send("GET", "/api/v1/data-pipelines/" + id, token, null).status())
        .isEqualTo(200);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /**
   * A table in the app's own embedded PostgreSQL, readable by a role of its own; returns the
   * connection URL the connector is given.
   */
  private static String sourceTable() throws SQLException {
    try (Connection connection = app.component().persistence().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS shop");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS shop.orders (id int PRIMARY KEY, item text, amount numeric)");
      statement.execute(
          "INSERT INTO shop.orders VALUES (1, 'book', 12.50), (2, 'pen', 1.20), (3, 'lamp', 30)"
              + " ON CONFLICT DO NOTHING");
      statement.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shop_reader') THEN"
              + " CREATE ROLE shop_reader LOGIN PASSWORD 'reader-secret'; END IF; END $$");
      statement.execute("GRANT USAGE ON SCHEMA shop TO shop_reader");
      statement.execute("GRANT SELECT ON shop.orders TO shop_reader");
      Matcher url =
          Pattern.compile("jdbc:postgresql://[^:/]+:(\\d+)/([^?]+).*")
              .matcher(connection.getMetaData().getURL());
      assertThat(url.matches()).as(connection.getMetaData().getURL()).isTrue();
      return "postgresql://shop_reader:reader-secret@127.0.0.1:"
          + url.group(1)
          + "/"
          + url.group(2);
    }
  }

  private static Reply upload(
      String path,
      String token,
      String fileName,
      String contentType,
      String content,
      Map<String, String> fields) {
    return app.upload(path, token, fileName, contentType, content, fields);
  }

  private static List<String> awaitEntities(TenantId tenant, List<String> expected)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(SYNC_TIMEOUT);
    List<String> names = List.of();
    while (Instant.now().isBefore(deadline)) {
      names =
          app
              .component()
              .persistence()
              .knowledge()
              .listEntities(tenant, Optional.empty(), new Page(0, 100))
              .stream()
              .map(KnowledgeEntity::name)
              .toList();
      if (names.containsAll(expected)) {
        return names;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("entities " + expected + " did not appear; found " + names);
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  private static String chatGptExport(String id) {
    return """
        [{"title": "Weekend in Lisbon", "conversation_id": "%s", "create_time": 1715000000.5,
          "current_node": "b",
          "mapping": {
            "root": {"id": "root", "message": null, "parent": null, "children": ["a"]},
            "a": {"id": "a", "parent": "root", "children": ["b"], "message": {
              "id": "a", "author": {"role": "user"}, "create_time": 1715000001.0,
              "content": {"content_type": "text", "parts": ["Plan two days in Lisbon for me."]},
              "recipient": "all"}},
            "b": {"id": "b", "parent": "a", "children": [], "message": {
              "id": "b", "author": {"role": "assistant"}, "create_time": 1715000002.0,
              "content": {"content_type": "text",
                          "parts": ["Day one: Alfama and the castle in Lisbon."]},
              "recipient": "all"}}
          }}]
        """
        .formatted(id);
  }

  private static String claudeExport(String id) {
    return """
        [{"uuid": "%s", "name": "Quarterly report", "created_at": "2025-03-04T09:15:22Z",
          "chat_messages": [
            {"uuid": "m1", "sender": "human", "created_at": "2025-03-04T09:15:23Z",
             "text": "Summarise: revenue at Acme Corp grew 12%%, led by Jonas Weber.",
             "content": [{"type": "text",
                          "text": "Summarise: revenue at Acme Corp grew 12%%, led by Jonas Weber."}]},
            {"uuid": "m2", "sender": "assistant", "created_at": "2025-03-04T09:15:30Z",
             "text": "Acme Corp grew 12%% under Jonas Weber.",
             "content": [{"type": "text", "text": "Acme Corp grew 12%% under Jonas Weber."}]}
          ]}]
        """
        .formatted(id);
  }
}
