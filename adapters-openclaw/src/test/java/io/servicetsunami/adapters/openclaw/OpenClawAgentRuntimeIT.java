package io.servicetsunami.adapters.openclaw;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.adapters.openclaw.testing.RealOpenClawGateway;
import io.servicetsunami.adapters.openclaw.testing.ScriptedLlm;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentRuntime.AgentRun;
import io.servicetsunami.ports.out.AgentRuntime.AgentRunResult;
import io.servicetsunami.ports.out.AgentRuntime.ToolCall;
import io.servicetsunami.ports.out.GatewayEndpoint;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenClawAgentRuntime} against the real gateway ({@link RealOpenClawGateway}, shared with
 * the other ITs of this JVM) and its scripted OpenAI-compatible model.
 */
class OpenClawAgentRuntimeIT {

  private static RealOpenClawGateway real;
  private static OpenClawSkillGateway gateway;
  private static OpenClawAgentRuntime runtime;
  private static GatewayEndpoint endpoint;

  @BeforeAll
  static void start() throws Exception {
    real = RealOpenClawGateway.shared();
    gateway =
        new OpenClawSkillGateway(
            OpenClawSettings.defaults(Files.createTempDirectory("openclaw-it-keys")));
    runtime = new OpenClawAgentRuntime(gateway, Duration.ofMinutes(3));
    endpoint =
        new GatewayEndpoint(
            new InstanceId(UUID.randomUUID()),
            real.url(),
            Secret.of(RealOpenClawGateway.TOKEN),
            Optional.empty());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void textTurnReturnsTheFinalResponseOfTheSecondAnswer() {
    AgentRun run = run("plain question " + UUID.randomUUID(), endpoint);

    AgentRunResult result = runtime.run(run);

    assertThat(result.finalText()).isEqualTo(ScriptedLlm.FINAL_PREFIX + " hello");
    assertThat(result.toolCalls()).isEmpty();
    assertThat(result.output())
        .containsEntry("runtime", "openclaw")
        .containsEntry("run_id", run.idempotencyKey())
        .containsEntry("session_key", "servicetsunami-" + run.sessionKey());
  }

  @Test
  void toolCallsObservedInAgentEventsAreReturned() {
    AgentRunResult result =
        runtime.run(run(ScriptedLlm.CALL_TOOL + " " + UUID.randomUUID(), endpoint));

    assertThat(result.toolCalls()).hasSize(1);
    ToolCall call = result.toolCalls().get(0);
    assertThat(call.name()).isEqualTo("exec");
    assertThat(call.arguments()).containsKey("command");
    assertThat(call.error()).isFalse();
    assertThat(call.result()).isNotEmpty();
    assertThat(result.finalText()).startsWith(ScriptedLlm.FINAL_PREFIX);
  }

  @Test
  void retriedRunWithTheSameKeyDoesNotReachTheModelAgain() {
    String marker = UUID.randomUUID().toString();
    AgentRun run = run("once " + marker, endpoint);

    AgentRunResult first = runtime.run(run);
    long requests = requestsMentioning(marker);
    AgentRunResult again = runtime.run(run);

    assertThat(again.finalText()).isEqualTo(first.finalText());
    assertThat(requestsMentioning(marker)).isEqualTo(requests);
  }

  @Test
  void retriedRunReportsTheToolCallsOfTheFinishedRunFromTheSessionTranscript() {
    String marker = UUID.randomUUID().toString();
    AgentRun run = run(ScriptedLlm.CALL_TOOL + " " + marker, endpoint);

    AgentRunResult first = runtime.run(run);
    AgentRunResult again = runtime.run(run);

    assertThat(first.toolCalls()).hasSize(1);
    ToolCall live = first.toolCalls().get(0);
    // The transcript keeps a result's content; the live event also had the tool's details.
    assertThat(again.toolCalls())
        .containsExactly(
            new ToolCall(
                live.name(),
                live.arguments(),
                Map.of("content", live.result().get("content")),
                live.error()));
    assertThat(again.finalText()).isEqualTo(first.finalText());
    // The tool turn reached the model twice (the call, then the answer), and the retry not at all.
    assertThat(requestsMentioning(marker)).isEqualTo(2);
  }

  @Test
  void retryWhileTheRunIsInProgressWaitsForThatRun() throws Exception {
    String marker = UUID.randomUUID().toString();
    AgentRun run = run("in flight " + marker, endpoint);
    real.llm().delay(Duration.ofSeconds(3));
    try {
      CompletableFuture<AgentRunResult> first =
          CompletableFuture.supplyAsync(() -> runtime.run(run));
      long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (requestsMentioning(marker) == 0 && System.nanoTime() < until) {
        Thread.sleep(100);
      }
      assertThat(requestsMentioning(marker)).as("the first run reached the model").isPositive();

      AgentRunResult again = runtime.run(run);

      assertThat(first.get(90, TimeUnit.SECONDS).finalText())
          .isEqualTo(ScriptedLlm.FINAL_PREFIX + " hello");
      assertThat(again.finalText()).isEqualTo(ScriptedLlm.FINAL_PREFIX + " hello");
      assertThat(requestsMentioning(marker)).isEqualTo(1);
    } finally {
      real.llm().delay(Duration.ZERO);
    }
  }

  @Test
  void rejectedTokenFailsTheRunPermanently() {
    GatewayEndpoint wrong =
        new GatewayEndpoint(
            new InstanceId(UUID.randomUUID()),
            real.url(),
            Secret.of("wrong-" + UUID.randomUUID()),
            Optional.empty());

    PermanentException failure =
        assertPortError(
            PermanentException.class,
            ErrorCode.RUNTIME_FAILED,
            () -> runtime.run(run("never runs", wrong)));

    assertThat(failure.getCause()).isInstanceOf(PermanentException.class);
    assertThat(((PermanentException) failure.getCause()).code())
        .isEqualTo(ErrorCode.GATEWAY_AUTH_FAILED);
  }

  private static long requestsMentioning(String marker) {
    return real.llm().requests().stream().filter(r -> r.toString().contains(marker)).count();
  }

  private static AgentRun run(String prompt, GatewayEndpoint on) {
    TaskId task = new TaskId(UUID.randomUUID());
    String session = "task-" + task;
    return new AgentRun(
        new TenantId(UUID.randomUUID()),
        task,
        new AgentId(UUID.randomUUID()),
        session,
        session + ":execute_task",
        "Answer briefly.",
        prompt,
        Map.of(),
        RealOpenClawGateway.MODEL,
        Optional.of(on));
  }
}
