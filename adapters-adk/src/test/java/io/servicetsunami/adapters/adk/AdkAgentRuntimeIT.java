package io.servicetsunami.adapters.adk;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.adapters.adk.testing.RealAdkServer;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentRuntime.AgentRun;
import io.servicetsunami.ports.out.AgentRuntime.AgentRunResult;
import io.servicetsunami.ports.out.AgentRuntime.ToolCall;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link AdkAgentRuntime} against a real ADK API server ({@link RealAdkServer}) whose agent has a
 * scripted model: text and function-calling turns, failed turns, server errors, timeouts, and
 * retried runs that must not run twice.
 */
class AdkAgentRuntimeIT {

  private static RealAdkServer server;
  private static AdkAgentRuntime runtime;

  @BeforeAll
  static void start() {
    server = RealAdkServer.shared();
    runtime = new AdkAgentRuntime(settings(Duration.ofSeconds(60)));
  }

  @Test
  void plainTextTurnReturnsTheFinalTextAndNoToolCalls() {
    AgentRun run = run("summarize the quarter");

    AgentRunResult result = runtime.run(run);

    assertThat(result.finalText()).isEqualTo("echo (call 1): summarize the quarter");
    assertThat(result.toolCalls()).isEmpty();
    assertThat(result.output())
        .containsEntry("runtime", "adk")
        .containsEntry("app", RealAdkServer.APP)
        .containsEntry("session_id", run.sessionKey())
        .containsEntry("author", "scripted");
    assertThat((String) result.output().get("invocation_id")).startsWith("e-");
  }

  @Test
  void functionCallingTurnReturnsEachCallWithItsArgumentsAndResult() {
    AgentRunResult result = runtime.run(run("what is the weather?"));

    assertThat(result.toolCalls())
        .containsExactly(
            new ToolCall(
                "get_weather",
                Map.of("city", "Paris"),
                Map.of("city", "Paris", "forecast", "sunny", "tempC", 21),
                false));
    assertThat(result.finalText())
        .isEqualTo(
            "Tool get_weather said: {\"city\":\"Paris\",\"forecast\":\"sunny\",\"tempC\":21}");
  }

  @Test
  void toolThatThrowsIsAFailedToolCallAndTheRunStillCompletes() {
    AgentRunResult result = runtime.run(run("explode please"));

    assertThat(result.toolCalls()).hasSize(1);
    ToolCall call = result.toolCalls().get(0);
    assertThat(call.name()).isEqualTo("explode");
    assertThat(call.error()).isTrue();
    assertThat(call.result().get("error").toString()).contains("tool exploded");
    assertThat(result.finalText()).startsWith("Tool explode said:");
  }

  @Test
  void modelThatThrowsFailsTheRunPermanentlyThoughAdkAnswers200() {
    PermanentException failure =
        assertPortError(
            PermanentException.class, ErrorCode.RUNTIME_FAILED, () -> runtime.run(run("boom")));

    assertThat(failure.getMessage()).contains("UNKNOWN_ERROR").contains("scripted model failure");
  }

  @Test
  void serverErrorFailsTheRunPermanently() {
    PermanentException failure =
        assertPortError(
            PermanentException.class, ErrorCode.RUNTIME_FAILED, () -> runtime.run(run("crash")));

    assertThat(failure.getMessage()).contains("HTTP 500").contains("scripted crash");
  }

  @Test
  void unknownAppFailsTheRunPermanently() {
    AdkAgentRuntime ghost =
        new AdkAgentRuntime(
            new AdkSettings(
                server.url(),
                "ghost",
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofMillis(100),
                2));

    PermanentException failure =
        assertPortError(
            PermanentException.class, ErrorCode.RUNTIME_FAILED, () -> ghost.run(run("hello")));

    assertThat(failure.getMessage()).contains("ghost");
  }

  @Test
  void quotaErrorOfTheModelIsTransient() {
    TransientException failure =
        assertPortError(
            TransientException.class,
            ErrorCode.RUNTIME_UNAVAILABLE,
            () -> runtime.run(run("quota")));

    assertThat(failure.getMessage()).contains("RESOURCE_EXHAUSTED");
  }

  @Test
  void unreachableServerIsTransient() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    AdkAgentRuntime nowhere =
        new AdkAgentRuntime(
            AdkSettings.defaults(URI.create("http://127.0.0.1:" + port), RealAdkServer.APP)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withPollInterval(Duration.ofMillis(50)));

    assertPortError(
        TransientException.class, ErrorCode.RUNTIME_UNAVAILABLE, () -> nowhere.run(run("hello")));
  }

  @Test
  void runLongerThanTheTimeoutFailsTransientlyAndTheRetryWaitsForTheSameRun() throws Exception {
    AgentRun run = run("slow:3000 report");
    AdkAgentRuntime impatient = new AdkAgentRuntime(settings(Duration.ofMillis(1000)));

    TransientException timedOut =
        assertPortError(
            TransientException.class, ErrorCode.RUNTIME_UNAVAILABLE, () -> impatient.run(run));
    assertThat(timedOut.getMessage()).contains("in time");

    // The retried step (same session, same idempotency key) continues the run in progress.
    AgentRunResult result = runtime.run(run);

    assertThat(result.finalText()).isEqualTo("echo (call 1): slow:3000 report");
    assertThat(userEventsWithKey(run)).isEqualTo(1);
  }

  @Test
  void retryOfAFinishedRunReturnsItsResultWithoutRunningAgain() throws Exception {
    AgentRun run = run("what is the weather tomorrow?");

    AgentRunResult first = runtime.run(run);
    AgentRunResult again = runtime.run(run);

    assertThat(again).isEqualTo(first);
    assertThat(userEventsWithKey(run)).isEqualTo(1);
  }

  @Test
  void failedRunIsRunAgainByTheRetry() throws Exception {
    AgentRun run = run("quota then");

    assertPortError(
        TransientException.class, ErrorCode.RUNTIME_UNAVAILABLE, () -> runtime.run(run));
    assertPortError(
        TransientException.class, ErrorCode.RUNTIME_UNAVAILABLE, () -> runtime.run(run));

    assertThat(userEventsWithKey(run)).isEqualTo(2);
  }

  @Test
  void aNewRunContinuesTheTasksSession() throws Exception {
    AgentRun first = run("first turn");
    AgentRun second =
        new AgentRun(
            first.tenantId(),
            first.taskId(),
            first.agentId(),
            first.sessionKey(),
            first.sessionKey() + ":second",
            "",
            "second turn",
            Map.of(),
            "scripted-model",
            Optional.empty());

    runtime.run(first);
    AgentRunResult result = runtime.run(second);

    assertThat(result.finalText()).isEqualTo("echo (call 1): second turn");
    JsonNode events = session(first).path("events");
    assertThat(events).hasSize(4); // two user messages, two answers
    // The task's context travels as session state with each run.
    assertThat(
            events
                .get(0)
                .path("actions")
                .path("stateDelta")
                .path("servicetsunami:context")
                .path("priority")
                .asText())
        .isEqualTo("high");
  }

  // ---- fixtures --------------------------------------------------------------------------------

  private static AdkSettings settings(Duration runTimeout) {
    return AdkSettings.defaults(server.url(), RealAdkServer.APP)
        .withTimeouts(Duration.ofSeconds(10), runTimeout)
        .withPollInterval(Duration.ofMillis(100));
  }

  /** A run of a new task, in a session of its own (tenant and task are new). */
  private static AgentRun run(String prompt) {
    TaskId task = new TaskId(UUID.randomUUID());
    String session = "task-" + task;
    return new AgentRun(
        new TenantId(UUID.randomUUID()),
        task,
        new AgentId(UUID.randomUUID()),
        session,
        session + ":execute_task",
        "Be brief.",
        prompt,
        Map.of("priority", "high"),
        "scripted-model",
        Optional.empty());
  }

  private static JsonNode session(AgentRun run) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        server
                            .url()
                            .resolve(
                                "/apps/"
                                    + RealAdkServer.APP
                                    + "/users/"
                                    + run.tenantId()
                                    + "/sessions/"
                                    + run.sessionKey()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return AdkEvents.parse(response.body());
  }

  private static long userEventsWithKey(AgentRun run) throws Exception {
    List<JsonNode> matching = new ArrayList<>();
    for (JsonNode event : session(run).path("events")) {
      if ("user".equals(event.path("author").asText())
          && run.idempotencyKey()
              .equals(
                  event
                      .path("actions")
                      .path("stateDelta")
                      .path(AdkAgentRuntime.IDEMPOTENCY_KEY)
                      .asText())) {
        matching.add(event);
      }
    }
    return matching.size();
  }
}
