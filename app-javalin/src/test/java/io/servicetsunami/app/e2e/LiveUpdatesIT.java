package io.servicetsunami.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.adapters.adk.testing.RealAdkServer;
import io.servicetsunami.app.e2e.EventStream.Event;
import io.servicetsunami.app.e2e.RunningApp.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server-Sent Events end to end over real HTTP: a task's traces and status as its workflow runs on
 * embedded Temporal with a real ADK server ({@link RealAdkServer}; fails instead of skipping with
 * {@code REQUIRE_REAL_ADK=1}), and the tenant's instances as a real OpenClaw gateway is provisioned
 * by the local runtime (no skip: without the npm cache the instance ends in {@code error} and the
 * test fails).
 */
class LiveUpdatesIT {

  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration PROVISIONING = Duration.ofMinutes(6);
  private static final Map<String, String> EVENT_STREAM = Map.of("Accept", "text/event-stream");

  private static RunningApp app;
  private static String token;

  @BeforeAll
  static void start() {
    app = RunningApp.startOnRealAdk();
    token = app.newTenantToken("Live");
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
  void aTaskStreamDeliversItsFiveTracesInOrderAndItsFinalStatusThenEnds() throws Exception {
    Reply submitted =
        app.send("POST", "/api/v1/agent-tasks/", token, Map.of("objective", "summarize the week"));
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
    String id = submitted.body().path("id").asText();

    List<Event> events;
    try (EventStream stream = open("/api/v1/agent-tasks/" + id + "/events", token)) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.contentType()).startsWith("text/event-stream");
      events = stream.until(e -> e.name().equals("end"), TASK_TIMEOUT);
      assertThat(stream.closes(Duration.ofSeconds(5))).isTrue();
    }

    List<Event> traces = events.stream().filter(e -> e.name().equals("trace")).toList();
    assertThat(traces.stream().map(e -> e.json().path("step_type").asText()))
        .containsExactly("dispatched", "memory_recall", "executing", "entity_persist", "completed");
    assertThat(traces.stream().map(e -> e.json().path("step_order").asInt()))
        .containsExactly(1, 2, 3, 4, 5);
    traces.forEach(
        trace -> {
          assertThat(trace.id()).isEqualTo(trace.json().path("id").asText());
          assertThat(trace.json().path("task_id").asText()).isEqualTo(id);
        });

    List<Event> statuses = events.stream().filter(e -> e.name().equals("status")).toList();
    assertThat(statuses).isNotEmpty();
    assertThat(statuses.get(0).json().path("id").asText()).isEqualTo(id);
    assertThat(statuses.get(statuses.size() - 1).json().path("status").asText())
        .isEqualTo("completed");
    // Each status event is a change: no two in a row are the same state.
    for (int i = 1; i < statuses.size(); i++) {
      assertThat(statuses.get(i).json().path("updated_at").asText())
          .isNotEqualTo(statuses.get(i - 1).json().path("updated_at").asText());
    }
    Event end = events.get(events.size() - 1);
    assertThat(end.json().path("status").asText()).isEqualTo("completed");

    // A client reconnecting after the third trace gets only the traces it missed.
    try (EventStream resumed =
        EventStream.open(
            app.baseUrl() + "/api/v1/agent-tasks/" + id + "/events",
            token,
            Map.of("Accept", "text/event-stream", "Last-Event-ID", traces.get(2).id()))) {
      List<Event> rest = resumed.until(e -> e.name().equals("end"), TASK_TIMEOUT);
      assertThat(
              rest.stream()
                  .filter(e -> e.name().equals("trace"))
                  .map(e -> e.json().path("step_type").asText()))
          .containsExactly("entity_persist", "completed");
    }
  }

  @Test
  void aStreamOpenedWhileATaskWaitsForApprovalDeliversTheRestAsItHappens() throws Exception {
    Reply submitted =
        app.send(
            "POST",
            "/api/v1/agent-tasks/",
            token,
            Map.of("objective", "draft the memo", "requires_approval", true));
    String id = submitted.body().path("id").asText();

    try (EventStream stream = open("/api/v1/agent-tasks/" + id + "/events", token)) {
      List<Event> waiting =
          stream.until(
              e ->
                  e.name().equals("status")
                      && e.json().path("status").asText().equals("waiting_input"),
              TASK_TIMEOUT);
      List<String> before =
          waiting.stream()
              .filter(e -> e.name().equals("trace"))
              .map(e -> e.json().path("step_type").asText())
              .toList();
      assertThat(before).doesNotContain("completed");
      // Nothing more comes while the task waits for a human.
      Event during = stream.next(Duration.ofSeconds(2));
      assertThat(during).isNull();

      Reply approved = app.send("POST", "/api/v1/agent-tasks/" + id + "/approve", token, null);
      assertThat(approved.status()).as(approved.text()).isEqualTo(202);

      List<Event> rest = stream.until(e -> e.name().equals("end"), TASK_TIMEOUT);
      List<String> after =
          rest.stream()
              .filter(e -> e.name().equals("trace"))
              .map(e -> e.json().path("step_type").asText())
              .toList();
      assertThat(after).isNotEmpty().endsWith("completed");
      List<String> all = new java.util.ArrayList<>(before);
      all.addAll(after);
      assertThat(all)
          .containsExactly(
              "dispatched", "memory_recall", "executing", "entity_persist", "completed");
      assertThat(
              rest.stream()
                  .filter(e -> e.name().equals("status"))
                  .map(e -> e.json().path("status").asText()))
          .endsWith("completed");
    }
  }

  @Test
  void aTaskStreamIsTenantScopedAndNeedsAToken() {
    Reply submitted =
        app.send("POST", "/api/v1/agent-tasks/", token, Map.of("objective", "count the pens"));
    String id = submitted.body().path("id").asText();
    String stranger = app.newTenantToken("Stranger");

    try (EventStream foreign = open("/api/v1/agent-tasks/" + id + "/events", stranger)) {
      assertThat(foreign.status()).isEqualTo(404);
      assertThat(foreign.contentType()).startsWith("application/problem+json");
    }
    try (EventStream anonymous = open("/api/v1/agent-tasks/" + id + "/events", null)) {
      assertThat(anonymous.status()).isEqualTo(401);
    }
    try (EventStream forged = open("/api/v1/agent-tasks/" + id + "/events", token + "x")) {
      assertThat(forged.status()).isEqualTo(401);
    }
    Reply notAStreamClient = app.send("GET", "/api/v1/agent-tasks/" + id + "/events", token, null);
    assertThat(notAStreamClient.status()).isEqualTo(406);
    assertThat(notAStreamClient.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void theInstanceStreamShowsTheTenantsInstanceProvisionedAndStoppedAndNothingToOthers()
      throws Exception {
    String owner = app.newTenantToken("Operator");
    String neighbour = app.newTenantToken("Neighbour");
    try (EventStream mine = open("/api/v1/events/instances", owner);
        EventStream theirs = open("/api/v1/events/instances", neighbour)) {
      assertThat(mine.status()).isEqualTo(200);
      assertThat(theirs.status()).isEqualTo(200);

      Reply created = app.send("POST", "/api/v1/instances/", owner, Map.of());
      assertThat(created.status()).as(created.text()).isEqualTo(202);
      String id = created.body().path("id").asText();

      List<Event> provisioning =
          mine.until(e -> e.name().equals("instance"), Duration.ofSeconds(30));
      Event first = provisioning.get(provisioning.size() - 1);
      assertThat(first.json().path("id").asText()).isEqualTo(id);
      assertThat(first.json().path("status").asText()).isEqualTo("provisioning");
      assertThat(first.data()).doesNotContain("token");

      List<Event> untilRunning =
          mine.until(e -> !e.json().path("status").asText().equals("provisioning"), PROVISIONING);
      assertThat(untilRunning.get(untilRunning.size() - 1).json().path("status").asText())
          .isEqualTo("running");

      Reply stopped = app.send("POST", "/api/v1/instances/" + id + "/stop", owner, null);
      assertThat(stopped.status()).as(stopped.text()).isEqualTo(200);
      List<Event> untilStopped =
          mine.until(
              e -> e.json().path("status").asText().equals("stopped"), Duration.ofMinutes(2));
      untilStopped.forEach(e -> assertThat(e.name()).isEqualTo("instance"));

      Reply destroyed = app.send("DELETE", "/api/v1/instances/" + id, owner, null);
      assertThat(destroyed.status()).as(destroyed.text()).isBetween(200, 204);
      List<Event> untilDeleted =
          mine.until(e -> e.name().equals("instance_deleted"), Duration.ofMinutes(2));
      assertThat(untilDeleted.get(untilDeleted.size() - 1).json().path("id").asText())
          .isEqualTo(id);

      // The neighbour's stream stayed silent all along.
      assertThat(theirs.next(Duration.ofMillis(1_500))).isNull();
    }
  }

  private static EventStream open(String path, String bearer) {
    return EventStream.open(app.baseUrl() + path, bearer, EVENT_STREAM);
  }
}
