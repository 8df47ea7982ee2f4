package io.servicetsunami.e2e;

import static io.servicetsunami.e2e.TaskExecutionLibrary.FIVE_STEPS;
import static io.servicetsunami.e2e.TaskExecutionLibrary.stepTypes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicetsunami.adapters.adk.AdkAgentRuntime;
import io.servicetsunami.adapters.adk.AdkSettings;
import io.servicetsunami.adapters.adk.testing.RealAdkServer;
import io.servicetsunami.core.task.AgentRuntimeKind;
import io.servicetsunami.e2e.TaskExecutionLibrary.Tenancy;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TaskExecutionWorkflow end to end on the ADK runtime: a task submitted through the SubmitTask use
 * case runs on the embedded Temporal server's workers, stores in PostgreSQL, and runs step 3 on a
 * real ADK API server whose agent has a scripted model ({@link RealAdkServer}).
 */
class TaskExecutionAdkIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static RealAdkServer adk;
  private static TaskExecutionLibrary library;

  @BeforeAll
  static void start() {
    adk = RealAdkServer.shared();
    library =
        TaskExecutionLibrary.start(
            AgentRuntimeKind.ADK,
            new AdkAgentRuntime(
                AdkSettings.defaults(adk.url(), RealAdkServer.APP)
                    .withTimeouts(Duration.ofSeconds(10), Duration.ofMinutes(2))
                    .withPollInterval(Duration.ofMillis(200))));
  }

  @AfterAll
  static void stop() {
    if (library != null) {
      library.close();
    }
  }

  @Test
  void textTurnCompletesTheTaskWithFiveTracesInOrderAndTheAnswerAsItsResult() throws Exception {
    String marker = UUID.randomUUID().toString();
    Tenancy tenancy = library.newTenant("Be brief.", "scripted-model", "revenue");
    TaskId id = new TaskId(UUID.randomUUID());
    String objective = "Summarize the revenue report " + marker;

    library.submit(tenancy.tenant(), id, objective);
    AgentTask task = library.awaitEnd(tenancy.tenant(), id);

    assertThat(task.status()).as(task.error().orElse("")).isEqualTo(TaskStatus.COMPLETED);
    String text = (String) task.output().get("text");
    // The scripted model echoes the whole prompt: instructions, the recalled memory, the task.
    assertThat(text)
        .startsWith("echo (call 1): ## Instructions\nBe brief.")
        .contains("## Relevant memories\n- " + tenancy.memory().content())
        .endsWith("## Task (research)\n" + objective);
    assertThat(task.output())
        .containsEntry("runtime", "adk")
        .containsEntry("app", RealAdkServer.APP)
        .containsEntry("session_id", "task-" + id);
    assertThat(task.confidence()).isPresent();

    List<ExecutionTrace> traces = library.traces(tenancy.tenant(), id);
    assertThat(stepTypes(traces)).containsExactlyElementsOf(FIVE_STEPS);
    assertThat(traces).hasSize(5);
    assertThat(traces.get(1).details().get("memory_ids"))
        .isEqualTo(List.of(tenancy.memory().id().toString()));
    assertThat(traces.get(2).details())
        .containsEntry("agent_runtime", "adk")
        .containsEntry("session_key", "task-" + id)
        .containsEntry("memories_in_prompt", 1)
        .containsEntry("tool_calls", 0)
        .containsEntry("output_chars", text.length());
  }

  @Test
  void functionCallOfTheTurnIsRecordedAsASkillCallTraceOfStepThree() throws Exception {
    Tenancy tenancy = library.newTenant("Be brief.", "scripted-model", "offsite");
    TaskId id = new TaskId(UUID.randomUUID());

    library.submit(
        tenancy.tenant(), id, "What is the weather for the offsite " + UUID.randomUUID());
    AgentTask task = library.awaitEnd(tenancy.tenant(), id);

    assertThat(task.status()).as(task.error().orElse("")).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.output())
        .containsEntry(
            "text",
            "Tool get_weather said: {\"city\":\"Paris\",\"forecast\":\"sunny\",\"tempC\":21}");
    List<ExecutionTrace> traces = library.traces(tenancy.tenant(), id);
    assertThat(stepTypes(traces)).containsExactlyElementsOf(FIVE_STEPS);
    assertThat(traces).hasSize(6);
    ExecutionTrace call = traces.get(3); // after executing@3, before entity_persist@4
    assertThat(call.stepType()).isEqualTo(StepType.SKILL_CALL);
    assertThat(call.stepOrder()).isEqualTo(3);
    assertThat(call.details())
        .containsEntry("tool", "get_weather")
        .containsEntry("error", false)
        .containsEntry("arguments", Map.of("city", "Paris"))
        .containsEntry("result", Map.of("city", "Paris", "forecast", "sunny", "tempC", 21));
    assertThat(traces.get(2).details()).containsEntry("tool_calls", 1);
  }

  @Test
  void retriedExecuteStepContinuesTheTasksAdkSessionWithoutRunningTheAgentAgain() throws Exception {
    Tenancy tenancy = library.newTenant("Be brief.", "scripted-model", "weather");
    TaskId id = new TaskId(UUID.randomUUID());
    TaskExecutionConnectionCut cut =
        TaskExecutionConnectionCut.onOutputStore(library.db.dataSource(), id);

    library.submit(
        tenancy.tenant(), id, "Check the weather before the picnic " + UUID.randomUUID());
    AgentTask task = library.awaitEnd(tenancy.tenant(), id);

    // The first attempt of step 3 ran the agent, then lost its database connection while storing
    // the result; Temporal retried the step, and the retry stored it.
    assertThat(cut.storeAttempts()).isEqualTo(2);
    assertThat(task.status()).as(task.error().orElse("")).isEqualTo(TaskStatus.COMPLETED);
    assertThat((String) task.output().get("text")).startsWith("Tool get_weather said:");

    // On the ADK server: one session for the task, one user message, one run of the agent.
    JsonNode session = session(tenancy.tenant(), "task-" + id);
    List<JsonNode> events = new ArrayList<>();
    session.path("events").forEach(events::add);
    assertThat(events.stream().filter(e -> "user".equals(e.path("author").asText())))
        .as("user messages in the session")
        .hasSize(1);
    assertThat(events.stream().map(e -> e.path("invocationId").asText()).distinct())
        .as("invocations in the session")
        .hasSize(1);
    assertThat(events.stream().filter(e -> e.toString().contains("\"functionCall\"")))
        .as("model turns that called the tool")
        .hasSize(1);
    assertThat(sessionIds(tenancy.tenant())).containsExactly("task-" + id);

    // PostgreSQL: the five traces in order and the one tool call, written once.
    List<ExecutionTrace> traces = library.traces(tenancy.tenant(), id);
    assertThat(stepTypes(traces)).containsExactlyElementsOf(FIVE_STEPS);
    assertThat(traces.stream().filter(t -> t.stepType() == StepType.SKILL_CALL)).hasSize(1);
  }

  @Test
  void toolCallOfARunCutOffBeforeItWasRecordedIsRecordedByTheRetry() throws Exception {
    Tenancy tenancy = library.newTenant("Be brief.", "scripted-model", "weather");
    TaskId id = new TaskId(UUID.randomUUID());
    TaskExecutionConnectionCut cut =
        TaskExecutionConnectionCut.onFirstSkillCall(library.db.dataSource(), id);

    library.submit(tenancy.tenant(), id, "Is the weather fine for sailing " + UUID.randomUUID());
    AgentTask task = library.awaitEnd(tenancy.tenant(), id);

    // The first attempt lost its connection writing the first thing the run produced; the retry
    // got the run's recorded events from the session, tool call included.
    assertThat(cut.storeAttempts()).isEqualTo(2);
    assertThat(task.status()).as(task.error().orElse("")).isEqualTo(TaskStatus.COMPLETED);
    List<ExecutionTrace> traces = library.traces(tenancy.tenant(), id);
    assertThat(stepTypes(traces)).containsExactlyElementsOf(FIVE_STEPS);
    assertThat(traces.stream().filter(t -> t.stepType() == StepType.SKILL_CALL))
        .singleElement()
        .satisfies(t -> assertThat(t.details()).containsEntry("tool", "get_weather"));
    JsonNode session = session(tenancy.tenant(), "task-" + id);
    List<JsonNode> events = new ArrayList<>();
    session.path("events").forEach(events::add);
    assertThat(events.stream().filter(e -> "user".equals(e.path("author").asText()))).hasSize(1);
  }

  // ---- the ADK server's own view ---------------------------------------------------------------

  private static JsonNode session(TenantId tenant, String session) throws Exception {
    return get("/apps/" + RealAdkServer.APP + "/users/" + tenant + "/sessions/" + session);
  }

  private static List<String> sessionIds(TenantId tenant) throws Exception {
    List<String> ids = new ArrayList<>();
    get("/apps/" + RealAdkServer.APP + "/users/" + tenant + "/sessions")
        .path("sessions")
        .forEach(s -> ids.add(s.path("id").asText()));
    return ids;
  }

  private static JsonNode get(String path) throws Exception {
    URI uri = adk.url().resolve(path);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
