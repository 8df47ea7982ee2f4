package io.servicetsunami.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.adapters.adk.testing.RealAdkServer;
import io.servicetsunami.app.e2e.RunningApp.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Agent tasks end to end over real HTTP: the assembled app on embedded PostgreSQL and embedded
 * Temporal with both workers, running step 3 on a real ADK API server whose agent has a scripted
 * model ({@link RealAdkServer}; fails instead of skipping with {@code REQUIRE_REAL_ADK=1}).
 */
class AgentTaskFlowIT {

  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(90);

  private static RunningApp app;
  private static String token;

  @BeforeAll
  static void start() {
    app = RunningApp.startOnRealAdk();
    token = app.newTenantToken("Tasks");
    Reply agent =
        app.send(
            "POST",
            "/api/v1/agents",
            token,
            Map.of(
                "name", "Analyst",
                "description", "Reads reports",
                "capabilities", List.of("analysis"),
                "instructions", "Answer briefly."));
    assertThat(agent.status()).as(agent.text()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aSubmittedTaskCompletesAndItsTraceHasTheFiveStepsInOrder() {
    Reply submitted = submit("summarize the quarter", false);

    assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
    String id = submitted.body().path("id").asText();
    assertThat(submitted.body().path("workflow_id").asText()).isEqualTo("task-" + id);
    assertThat(submitted.body().path("status").asText()).isEqualTo("queued");

    JsonNode done = awaitStatus(id, "completed");
    assertThat(done.path("assigned_agent_id").asText()).isNotEmpty();
    assertThat(done.path("output").path("text").asText()).contains("summarize the quarter");
    assertThat(done.path("completed_at").isNull()).isFalse();

    // Read once, not awaited: the last step's trace is written before the task is completed.
    JsonNode trace = app.send("GET", "/api/v1/agent-tasks/" + id + "/trace", token, null).body();
    assertThat(stepTypes(trace))
        .containsExactly("dispatched", "memory_recall", "executing", "entity_persist", "completed");
    List<Integer> orders = new ArrayList<>();
    trace.forEach(step -> orders.add(step.path("step_order").asInt()));
    assertThat(orders).containsExactly(1, 2, 3, 4, 5);
    trace.forEach(
        step -> {
          assertThat(step.path("task_id").asText()).isEqualTo(id);
          assertThat(step.path("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
        });
    assertThat(trace.get(2).path("details").path("agent_runtime").asText()).isEqualTo("adk");
    assertThat(trace.get(2).path("details").path("agent_runtime_chosen_by").asText())
        .isEqualTo("default");
  }

  @Test
  void aTaskNeedingApprovalWaitsInWaitingInputUntilApprovedThenCompletes() throws Exception {
    String id = submit("draft the board memo", true).body().path("id").asText();

    awaitStatus(id, "waiting_input");
    // It stays there: nothing but a human moves it on.
    Thread.sleep(2_000);
    assertThat(
            app.send("GET", "/api/v1/agent-tasks/" + id, token, null)
                .body()
                .path("status")
                .asText())
        .isEqualTo("waiting_input");
    Reply waiting =
        app.send("GET", "/api/v1/agent-tasks/?status=waiting_input&skip=0&limit=50", token, null);
    assertThat(waiting.status()).isEqualTo(200);
    assertThat(ids(waiting.body())).contains(id);

    Reply approved = app.send("POST", "/api/v1/agent-tasks/" + id + "/approve", token, null);
    assertThat(approved.status()).as(approved.text()).isEqualTo(202);

    JsonNode done = awaitStatus(id, "completed");
    assertThat(done.path("approved_by").asText()).isNotEmpty();
    assertThat(
            stepTypes(app.send("GET", "/api/v1/agent-tasks/" + id + "/trace", token, null).body()))
        .containsExactly("dispatched", "memory_recall", "executing", "entity_persist", "completed");
  }

  @Test
  void aRejectedTaskFailsWithTheReason() {
    String id = submit("wire the money", true).body().path("id").asText();
    awaitStatus(id, "waiting_input");

    Reply rejected =
        app.send(
            "POST",
            "/api/v1/agent-tasks/" + id + "/reject",
            token,
            Map.of("reason", "not this quarter"));
    assertThat(rejected.status()).as(rejected.text()).isEqualTo(202);
    awaitStatus(id, "failed");

    JsonNode failed =
        app.await(
            "/api/v1/agent-tasks/" + id + "/trace",
            token,
            TASK_TIMEOUT,
            trace -> stepTypes(trace).contains("failed"));
    assertThat(stepTypes(failed)).doesNotContain("completed");
    JsonNode task = app.send("GET", "/api/v1/agent-tasks/" + id, token, null).body();
    assertThat(task.path("status").asText()).isEqualTo("failed");
    assertThat(task.path("error").asText()).contains("not this quarter");
    // A decided task cannot be decided again.
    assertThat(app.send("POST", "/api/v1/agent-tasks/" + id + "/approve", token, null).status())
        .isEqualTo(409);
  }

  @Test
  void anotherTenantGets404ForTheTaskAndCannotApproveIt() {
    String id = submit("count the widgets", true).body().path("id").asText();
    awaitStatus(id, "waiting_input");
    String other = app.newTenantToken("Intruder");

    for (String path : List.of("", "/trace")) {
      Reply reply = app.send("GET", "/api/v1/agent-tasks/" + id + path, other, null);
      assertThat(reply.status()).isEqualTo(404);
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      assertThat(reply.body().path("code").asText()).isEqualTo("task_not_found");
    }
    assertThat(app.send("POST", "/api/v1/agent-tasks/" + id + "/approve", other, null).status())
        .isEqualTo(404);
    assertThat(app.send("POST", "/api/v1/agent-tasks/" + id + "/reject", other, Map.of()).status())
        .isEqualTo(404);
    assertThat(ids(app.send("GET", "/api/v1/agent-tasks/", other, null).body())).doesNotContain(id);

    assertThat(
            app.send("GET", "/api/v1/agent-tasks/" + id, token, null)
                .body()
                .path("status")
                .asText())
        .isEqualTo("waiting_input");
    assertThat(app.send("POST", "/api/v1/agent-tasks/" + id + "/reject", token, null).status())
        .isEqualTo(202);
  }

  @Test
  void badTaskRequestsAre400ProblemsNamingTheFieldAndCreateNothing() {
    int before = app.send("GET", "/api/v1/agent-tasks/?limit=500", token, null).body().size();

    Reply badPriority =
        app.send(
            "POST", "/api/v1/agent-tasks/", token, Map.of("objective", "x", "priority", "urgent"));
    assertThat(badPriority.status()).isEqualTo(400);
    assertThat(badPriority.header("Content-Type")).startsWith("application/problem+json");
    assertThat(badPriority.body().path("code").asText()).isEqualTo("invalid_input");
    assertThat(badPriority.body().path("detail").asText()).contains("priority");

    Reply unknownField =
        app.send("POST", "/api/v1/agent-tasks/", token, Map.of("objective", "x", "owner", "me"));
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.body().path("detail").asText()).contains("owner");

    Reply wrongType =
        app.send(
            "POST",
            "/api/v1/agent-tasks/",
            token,
            Map.of("objective", "x", "requires_approval", List.of(1)));
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body().path("detail").asText()).contains("requires_approval");

    Reply malformed =
        app.raw("POST", "/api/v1/agent-tasks/", token, "application/json", "{\"objective\":");
    assertThat(malformed.status()).isEqualTo(400);

    Reply oversized =
        app.send("POST", "/api/v1/agent-tasks/", token, Map.of("objective", "x".repeat(2_000_000)));
    assertThat(oversized.status()).isEqualTo(413);
    assertThat(oversized.header("Content-Type")).startsWith("application/problem+json");

    Reply badFilter = app.send("GET", "/api/v1/agent-tasks/?status=sleeping", token, null);
    assertThat(badFilter.status()).isEqualTo(400);
    assertThat(badFilter.body().path("detail").asText()).contains("status");
    Reply badLimit = app.send("GET", "/api/v1/agent-tasks/?limit=0", token, null);
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.body().path("detail").asText()).contains("limit");

    Reply noToken = app.send("POST", "/api/v1/agent-tasks/", null, Map.of("objective", "x"));
    assertThat(noToken.status()).isEqualTo(401);

    assertThat(app.send("GET", "/api/v1/agent-tasks/?limit=500", token, null).body().size())
        .isEqualTo(before);
  }

  @Test
  void theListPagesWithSkipAndLimit() {
    for (int i = 0; i < 3; i++) {
      assertThat(submit("page item " + i, true).status()).isEqualTo(202);
    }
    JsonNode all = app.send("GET", "/api/v1/agent-tasks/?limit=500", token, null).body();
    JsonNode first = app.send("GET", "/api/v1/agent-tasks/?skip=0&limit=2", token, null).body();
    JsonNode second = app.send("GET", "/api/v1/agent-tasks/?skip=2&limit=2", token, null).body();

    assertThat(first.size()).isEqualTo(2);
    assertThat(ids(first))
        .containsExactly(all.get(0).path("id").asText(), all.get(1).path("id").asText());
    assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
  }

  private static Reply submit(String objective, boolean approval) {
    return app.send(
        "POST",
        "/api/v1/agent-tasks/",
        token,
        Map.of(
            "objective",
            objective,
            "task_type",
            "analysis",
            "priority",
            "high",
            "required_capabilities",
            List.of("analysis"),
            "context",
            Map.of("source", "e2e"),
            "requires_approval",
            approval));
  }

  private static JsonNode awaitStatus(String id, String status) {
    return app.await(
        "/api/v1/agent-tasks/" + id,
        token,
        TASK_TIMEOUT,
        task -> {
          String now = task.path("status").asText();
          if (!now.equals(status) && (now.equals("failed") || now.equals("completed"))) {
            throw new AssertionError("task ended " + now + " instead of " + status + ": " + task);
          }
          return now.equals(status);
        });
  }

  private static List<String> stepTypes(JsonNode trace) {
    List<String> types = new ArrayList<>();
    trace.forEach(step -> types.add(step.path("step_type").asText()));
    return types;
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }
}
