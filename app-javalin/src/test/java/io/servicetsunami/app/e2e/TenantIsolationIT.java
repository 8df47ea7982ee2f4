package io.servicetsunami.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.app.e2e.RunningApp.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation, walked from the app's own {@code /openapi.json} so that a new endpoint is
 * covered the day it is documented: tenant A creates one real resource of every kind (an agent, a
 * task parked in {@code waiting_input} on a real ADK server, a running OpenClaw instance on the
 * local runtime (a real gateway on loopback, as in {@code InstanceFlowIT}: no skip, an instance
 * that cannot run fails the test), a skill configuration with a credential, an uploaded CSV dataset
 * and a {@code dataset_sync} pipeline over it that has run once into the DuckDB lakehouse); then
 * tenant B calls every documented operation whose path holds an id, with A's id and the operation's
 * documented example body, and must get a 404 problem document every time, while A's resources stay
 * exactly as they were.
 *
 * <p>A path parameter whose resource kind this test cannot create fails the test with the paths it
 * could not cover: teach {@link #FIXTURES} to create that kind.
 */
class TenantIsolationIT {

  private static final Duration SETTLE = Duration.ofMinutes(6);
  private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
  private static final String SKILL = "slack";
  private static final String CREDENTIAL = "xoxb-tenant-a-secret";

  /** The collection a path's id belongs to → tenant A's resource of that kind. */
  private static final Map<String, String> FIXTURES = new LinkedHashMap<>();

  /** What tenant A can read of each of its resources, before B's calls. */
  private static final Map<String, String> SNAPSHOT_PATHS = new LinkedHashMap<>();

  private static RunningApp app;
  private static String tenantA;
  private static String tenantB;

  @BeforeAll
  static void start() {
    app = RunningApp.startOnRealAdk();
    tenantA = app.newTenantToken("Alpha");
    tenantB = app.newTenantToken("Bravo");

    Reply agent =
        app.send(
            "POST",
            "/api/v1/agents/",
            tenantA,
            Map.of("name", "Alpha analyst", "capabilities", List.of("analysis")));
    assertThat(agent.status()).as(agent.text()).isEqualTo(201);
    FIXTURES.put("agents", agent.body().path("id").asText());

    Reply task =
        app.send(
            "POST",
            "/api/v1/agent-tasks/",
            tenantA,
            Map.of(
                "objective",
                "count the widgets",
                "required_capabilities",
                List.of("analysis"),
                "requires_approval",
                true));
    assertThat(task.status()).as(task.text()).isEqualTo(202);
    String taskId = task.body().path("id").asText();
    FIXTURES.put("agent-tasks", taskId);

    Reply instance = app.send("POST", "/api/v1/instances/", tenantA, Map.of());
    assertThat(instance.status()).as(instance.text()).isEqualTo(202);
    String instanceId = instance.body().path("id").asText();
    FIXTURES.put("instances", instanceId);

    Reply dataset =
        app.upload(
            "/api/v1/datasets/upload",
            tenantA,
            "alpha-customers.csv",
            "text/csv",
            "id,name\n1,Ada\n2,Grace\n",
            Map.of("name", "Alpha customers"));
    assertThat(dataset.status()).as(dataset.text()).isEqualTo(201);
    String datasetId = dataset.body().path("id").asText();
    FIXTURES.put("datasets", datasetId);

    Reply pipeline =
        app.send(
            "POST",
            "/api/v1/data-pipelines/",
            tenantA,
            Map.of(
                "name", "Alpha customers sync", "type", "dataset_sync", "dataset_id", datasetId));
    assertThat(pipeline.status()).as(pipeline.text()).isEqualTo(201);
    String pipelineId = pipeline.body().path("id").asText();
    FIXTURES.put("data-pipelines", pipelineId);
    // A run, so that B's calls on the run history have something to leak or disturb.
    Reply run =
        app.send("POST", "/api/v1/data-pipelines/" + pipelineId + "/execute", tenantA, null);
    assertThat(run.status()).as(run.text()).isEqualTo(202);

    Reply config =
        app.send(
            "PUT",
            "/api/v1/skills/" + SKILL + "/config",
            tenantA,
            Map.of("enabled", true, "credentials", Map.of("bot_token", CREDENTIAL)));
    assertThat(config.status()).as(config.text()).isEqualTo(200);

    // Both must stop moving on their own before a before/after comparison means anything.
    app.await(
        "/api/v1/agent-tasks/" + taskId,
        tenantA,
        SETTLE,
        t -> {
          String status = t.path("status").asText();
          if (status.equals("failed") || status.equals("completed")) {
            throw new AssertionError("the task should wait for approval: " + t);
          }
          return status.equals("waiting_input");
        });
    app.await(
        "/api/v1/instances/" + instanceId,
        tenantA,
        SETTLE,
        i -> {
          if (i.path("status").asText().equals("error")) {
            throw new AssertionError(
                "the instance must run (a real OpenClaw gateway from the npm cache,"
                    + " $OPENCLAW_CACHE_DIR): "
                    + i);
          }
          return i.path("status").asText().equals("running");
        });

    app.await(
        "/api/v1/data-pipelines/" + pipelineId + "/runs",
        tenantA,
        SETTLE,
        runs -> runs.size() == 1 && !runs.get(0).path("status").asText().equals("running"));
    app.await(
        "/api/v1/datasets/" + datasetId,
        tenantA,
        SETTLE,
        d -> !List.of("pending", "syncing").contains(d.path("sync_status").asText()));

    SNAPSHOT_PATHS.put("agent", "/api/v1/agents/" + FIXTURES.get("agents"));
    SNAPSHOT_PATHS.put("task", "/api/v1/agent-tasks/" + taskId);
    SNAPSHOT_PATHS.put("trace", "/api/v1/agent-tasks/" + taskId + "/trace");
    SNAPSHOT_PATHS.put("instance", "/api/v1/instances/" + instanceId);
    SNAPSHOT_PATHS.put("instances", "/api/v1/instances/");
    SNAPSHOT_PATHS.put("agents", "/api/v1/agents/");
    SNAPSHOT_PATHS.put("skill config", "/api/v1/skills/" + SKILL + "/config");
    SNAPSHOT_PATHS.put("dataset", "/api/v1/datasets/" + datasetId);
    SNAPSHOT_PATHS.put("datasets", "/api/v1/datasets/");
    SNAPSHOT_PATHS.put("pipeline", "/api/v1/data-pipelines/" + pipelineId);
    SNAPSHOT_PATHS.put("pipelines", "/api/v1/data-pipelines/");
    SNAPSHOT_PATHS.put("runs", "/api/v1/data-pipelines/" + pipelineId + "/runs");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void anotherTenantGets404ForEveryOperationOnAnIdOfTenantAAndChangesNothing() {
    ApiDocument document = ApiDocument.fetch(app);
    Map<String, JsonNode> before = snapshot();
    JsonNode ownConfig =
        app.send("GET", "/api/v1/skills/" + SKILL + "/config", tenantB, null).body();
    assertThat(ownConfig.path("enabled").asBoolean()).as(ownConfig.toString()).isFalse();
    assertThat(ownConfig.path("credential_keys")).as(ownConfig.toString()).isEmpty();
    List<String> uncovered = new ArrayList<>();
    List<String> leaks = new ArrayList<>();
    int walked = 0;

    for (ApiDocument.Operation operation : document.operations()) {
      if (!PARAMETER.matcher(operation.path()).find()) {
        continue;
      }
      Optional<String> concrete = concretePath(operation.path(), uncovered, operation.label());
      if (concrete.isEmpty()) {
        continue;
      }
      Reply reply =
          app.send(
              operation.method(), concrete.get(), tenantB, operation.exampleBody().orElse(null));
      walked++;
      if (isSkillConfig(operation.path())) {
        // A skill is named, not owned: B reads and writes its own configuration of it.
        if (reply.status() != 200 || reply.text().contains(CREDENTIAL)) {
          leaks.add(operation.label() + " → " + reply.status() + " " + reply.text());
        }
        continue;
      }
      boolean notFound =
          reply.status() == 404
              && String.valueOf(reply.header("Content-Type")).startsWith("application/problem+json")
              && reply.body().path("code").asText().endsWith("_not_found");
      if (!notFound) {
        leaks.add(operation.label() + " → " + reply.status() + " " + reply.text());
      }
    }

    assertThat(uncovered)
        .as(
            "operations whose path ids this test cannot create as tenant A; teach"
                + " TenantIsolationIT.FIXTURES to create them")
        .isEmpty();
    assertThat(leaks).as("tenant B reached tenant A's resources").isEmpty();
    assertThat(walked).as("operations walked").isGreaterThanOrEqualTo(20);
    assertThat(snapshot()).as("tenant A's resources after B's calls").isEqualTo(before);
    assertThat(before.get("skill config").path("credential_keys").get(0).asText())
        .isEqualTo("bot_token");
    assertThat(before.get("task").path("status").asText()).isEqualTo("waiting_input");
    assertThat(before.get("instance").path("status").asText()).isEqualTo("running");
    assertThat(before.get("dataset").path("sync_status").asText()).isEqualTo("synced");
    assertThat(before.get("runs").size()).isEqualTo(1);
    assertThat(before.get("runs").get(0).path("status").asText()).isEqualTo("completed");
  }

  /** A's id for each id parameter, or empty (and the path recorded) when the kind is unknown. */
  private static Optional<String> concretePath(String template, List<String> uncovered, String op) {
    if (isSkillConfig(template)) {
      return Optional.of(template.replace("{name}", SKILL));
    }
    Matcher matcher = PARAMETER.matcher(template);
    StringBuilder concrete = new StringBuilder();
    while (matcher.find()) {
      String before = template.substring(0, matcher.start());
      String[] segments = before.split("/");
      String collection = segments[segments.length - 1];
      String id = FIXTURES.get(collection);
      if (id == null) {
        uncovered.add(op + " (no " + collection + " to use for {" + matcher.group(1) + "})");
        return Optional.empty();
      }
      matcher.appendReplacement(concrete, id);
    }
    matcher.appendTail(concrete);
    return Optional.of(concrete.toString());
  }

  private static boolean isSkillConfig(String template) {
    return template.equals("/api/v1/skills/{name}/config");
  }

  private static Map<String, JsonNode> snapshot() {
    Map<String, JsonNode> snapshot = new LinkedHashMap<>();
    SNAPSHOT_PATHS.forEach(
        (name, path) -> {
          Reply reply = app.send("GET", path, tenantA, null);
          assertThat(reply.status()).as(name + ": " + reply.text()).isEqualTo(200);
          snapshot.put(name, reply.body());
        });
    return snapshot;
  }
}
