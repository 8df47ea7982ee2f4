package io.servicetsunami.e2e;

import static io.servicetsunami.e2e.TaskExecutionLibrary.FIVE_STEPS;
import static io.servicetsunami.e2e.TaskExecutionLibrary.stepTypes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicetsunami.adapters.openclaw.OpenClawAgentRuntime;
import io.servicetsunami.adapters.openclaw.OpenClawSettings;
import io.servicetsunami.adapters.openclaw.OpenClawSkillGateway;
import io.servicetsunami.adapters.openclaw.testing.RealOpenClawGateway;
import io.servicetsunami.adapters.openclaw.testing.ScriptedLlm;
import io.servicetsunami.core.task.AgentRuntimeKind;
import io.servicetsunami.e2e.TaskExecutionLibrary.Tenancy;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TaskExecutionWorkflow end to end on the tenant's own OpenClaw agent: a task submitted through the
 * SubmitTask use case runs on the embedded Temporal server's workers, stores in PostgreSQL, and
 * runs step 3 as an {@code agent} turn on a real gateway ({@link RealOpenClawGateway}) whose model
 * is the scripted OpenAI-compatible provider. The gateway is found the way the library finds it:
 * from the tenant's running instance in PostgreSQL, its token decrypted by the vault.
 */
class TaskExecutionOpenClawIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static RealOpenClawGateway real;
  private static OpenClawSkillGateway gateway;
  private static TaskExecutionLibrary library;

  @BeforeAll
  static void start() throws Exception {
    real = RealOpenClawGateway.shared();
    gateway =
        new OpenClawSkillGateway(
            OpenClawSettings.defaults(Files.createTempDirectory("e2e-openclaw-keys")));
    library =
        TaskExecutionLibrary.start(
            AgentRuntimeKind.OPENCLAW, new OpenClawAgentRuntime(gateway, Duration.ofMinutes(2)));
  }

  @AfterAll
  static void stop() {
    try {
      if (library != null) {
        library.close();
      }
    } finally {
      if (gateway != null) {
        gateway.close();
      }
    }
  }

  @Test
  void textTurnCompletesTheTaskWithFiveTracesInOrderAndTheFinalAnswerAsItsResult() {
    Tenancy tenancy = tenantWithGateway();
    TaskId id = new TaskId(UUID.randomUUID());
    String marker = UUID.randomUUID().toString();

    library.submit(tenancy.tenant(), id, "Summarize the pipeline backlog " + marker);
    AgentTask task = library.awaitEnd(tenancy.tenant(), id);

    assertThat(task.status()).as(task.error().orElse("")).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.output())
        .containsEntry("text", ScriptedLlm.FINAL_PREFIX + " hello")
        .containsEntry("runtime", "openclaw")
        .containsEntry("run_id", "task-" + id + ":execute_task")
        .containsEntry("session_key", "servicetsunami-task-" + id);
    assertThat(task.confidence()).isPresent();
    // The prompt the gateway's model received carried the recalled memory and the objective.
    assertThat(modelRequestsMentioning(marker)).isEqualTo(1);
    assertThat(modelRequestsMentioning(tenancy.memory().content())).isPositive();

    List<ExecutionTrace> traces = library.traces(tenancy.tenant(), id);
    assertThat(stepTypes(traces)).containsExactlyElementsOf(FIVE_STEPS);
    assertThat(traces).hasSize(5);
    assertThat(traces.get(2).details())
        .containsEntry("agent_runtime", "openclaw")
        .containsEntry("session_key", "task-" + id)
        .containsEntry("tool_calls", 0);
    assertThat(traces.get(2).details().get("gateway_instance_id")).isNotNull();
  }

  @Test
  void toolCallSeenInTheAgentEventsIsRecordedAsASkillCallTraceOfStepThree() {
    Tenancy tenancy = tenantWithGateway();
    TaskId id = new TaskId(UUID.randomUUID());

    library.submit(
        tenancy.tenant(),
        id,
        "Inspect the environment, " + ScriptedLlm.CALL_TOOL + " " + UUID.randomUUID());
    AgentTask task = library.awaitEnd(tenancy.tenant(), id);

    assertThat(task.status()).as(task.error().orElse("")).isEqualTo(TaskStatus.COMPLETED);
    assertThat((String) task.output().get("text")).startsWith(ScriptedLlm.FINAL_PREFIX);
    List<ExecutionTrace> traces = library.traces(tenancy.tenant(), id);
    assertThat(stepTypes(traces)).containsExactlyElementsOf(FIVE_STEPS);
    assertThat(traces).hasSize(6);
    ExecutionTrace call = traces.get(3); // after executing@3, before entity_persist@4
    assertThat(call.stepType()).isEqualTo(StepType.SKILL_CALL);
    assertThat(call.stepOrder()).isEqualTo(3);
    assertThat(call.details()).containsEntry("tool", "exec").containsEntry("error", false);
    assertThat(call.details().get("arguments").toString()).contains("command");
    assertThat(traces.get(2).details()).containsEntry("tool_calls", 1);
  }

  @Test
  void retriedExecuteStepGetsTheGatewaysResultWithoutASecondAgentRun() {
    Tenancy tenancy = tenantWithGateway();
    TaskId id = new TaskId(UUID.randomUUID());
    String marker = UUID.randomUUID().toString();
    TaskExecutionConnectionCut cut =
        TaskExecutionConnectionCut.onOutputStore(library.db.dataSource(), id);

    library.submit(tenancy.tenant(), id, "Draft the weekly status " + marker);
    AgentTask task = library.awaitEnd(tenancy.tenant(), id);

    // The first attempt of step 3 ran the agent turn, then lost its database connection while
    // storing the result; Temporal retried the step, and the retry stored it.
    assertThat(cut.storeAttempts()).isEqualTo(2);
    assertThat(task.status()).as(task.error().orElse("")).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.output())
        .containsEntry("text", ScriptedLlm.FINAL_PREFIX + " hello")
        .containsEntry("run_id", "task-" + id + ":execute_task");
    // The retry sent the same idempotency key; the gateway answered with the finished run's result
    // and its model never saw the task a second time.
    assertThat(modelRequestsMentioning(marker)).isEqualTo(1);
    // The gateway's own transcript of the task's session: one user message, one answer, one run.
    List<JsonNode> history = sessionHistory("agent:main:servicetsunami-task-" + id);
    assertThat(history)
        .extracting(m -> m.path("role").asText())
        .containsExactly("user", "assistant");
    assertThat(history.get(0).path("content").asText()).endsWith(marker);
    assertThat(history.get(1).path("__openclaw").path("runId").asText())
        .isEqualTo("task-" + id + ":execute_task");

    List<ExecutionTrace> traces = library.traces(tenancy.tenant(), id);
    assertThat(stepTypes(traces)).containsExactlyElementsOf(FIVE_STEPS);
    assertThat(traces).hasSize(5);
  }

  /**
   * The messages of a gateway session, read through the gateway's HTTP tool endpoint with the
   * {@code sessions_history} tool (the gateway answers from its session store).
   */
  private static List<JsonNode> sessionHistory(String sessionKey) {
    String body =
        "{\"tool\":\"sessions_history\",\"args\":{\"sessionKey\":\"" + sessionKey + "\"}}";
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(real.url() + "/tools/invoke"))
                      .header("Authorization", "Bearer " + RealOpenClawGateway.TOKEN)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode details = JSON.readTree(response.body()).path("result").path("details");
      assertThat(details.path("sessionKey").asText()).isEqualTo(sessionKey);
      List<JsonNode> messages = new ArrayList<>();
      details.path("messages").forEach(messages::add);
      return messages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the session history", e);
    }
  }

  @Test
  void toolCallOfARunCutOffBeforeItWasRecordedIsRecordedByTheRetry() {
    Tenancy tenancy = tenantWithGateway();
    TaskId id = new TaskId(UUID.randomUUID());
    String marker = UUID.randomUUID().toString();
    TaskExecutionConnectionCut cut =
        TaskExecutionConnectionCut.onFirstSkillCall(library.db.dataSource(), id);

    library.submit(
        tenancy.tenant(), id, "Check the environment, " + ScriptedLlm.CALL_TOOL + " " + marker);
    AgentTask task = library.awaitEnd(tenancy.tenant(), id);

    // The first attempt lost its connection writing the first thing the run produced; the retry
    // must still learn the run's tool call, without running the agent again.
    assertThat(cut.storeAttempts()).isEqualTo(2);
    assertThat(task.status()).as(task.error().orElse("")).isEqualTo(TaskStatus.COMPLETED);
    List<ExecutionTrace> traces = library.traces(tenancy.tenant(), id);
    assertThat(stepTypes(traces)).containsExactlyElementsOf(FIVE_STEPS);
    assertThat(traces.stream().filter(t -> t.stepType() == StepType.SKILL_CALL))
        .singleElement()
        .satisfies(t -> assertThat(t.details()).containsEntry("tool", "exec"));
    // One tool turn reaches the model twice (the call, then the answer), and only once in all.
    assertThat(modelRequestsMentioning(marker)).isEqualTo(2);
    assertThat(sessionHistory("agent:main:servicetsunami-task-" + id))
        .filteredOn(m -> m.path("role").asText().equals("user"))
        .hasSize(1);
  }

  @Test
  void tenantWithoutAnAgentRuntimeFailsAtStepThreeWithAnActionableReason() {
    // No instance: OpenClaw is the only runtime of this library, and the tenant has no gateway.
    Tenancy tenancy = library.newTenant("Answer briefly.", RealOpenClawGateway.MODEL, "billing");
    TaskId id = new TaskId(UUID.randomUUID());

    library.submit(tenancy.tenant(), id, "Reconcile the billing export");
    AgentTask task = library.awaitEnd(tenancy.tenant(), id);

    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.error().orElseThrow())
        .contains("execute_task failed")
        .contains("no running OpenClaw instance")
        .contains("no_agent_runtime");
    List<ExecutionTrace> traces = library.traces(tenancy.tenant(), id);
    assertThat(stepTypes(traces)).containsExactly("dispatched@1", "memory_recall@2", "failed@3");
    assertThat((String) traces.get(2).details().get("reason"))
        .contains("Deploy or start the tenant's instance, or configure an ADK runtime");
  }

  // ---- fixtures --------------------------------------------------------------------------------

  /** A tenant whose running instance is the real gateway, with its token in the vault. */
  private static Tenancy tenantWithGateway() {
    Tenancy tenancy =
        library.newTenant("Answer briefly.", RealOpenClawGateway.MODEL, "pipeline status");
    Instant now = library.clock.now();
    String name = "openclaw-" + tenancy.tenant().value().toString().substring(0, 8);
    library
        .db
        .instances()
        .create(
            new TenantInstance(
                new InstanceId(library.ids.newId()),
                tenancy.tenant(),
                "2026.9.6",
                InstanceStatus.RUNNING,
                name,
                "tenant-" + name,
                ResourceSpec.DEFAULT,
                Optional.of(real.url()),
                Optional.of(
                    library.cipher.encrypt(tenancy.tenant(), Secret.of(RealOpenClawGateway.TOKEN))),
                Optional.empty(),
                Optional.empty(),
                0,
                now,
                now));
    return tenancy;
  }

  private static long modelRequestsMentioning(String text) {
    return real.llm().requests().stream().filter(r -> r.toString().contains(text)).count();
  }
}
