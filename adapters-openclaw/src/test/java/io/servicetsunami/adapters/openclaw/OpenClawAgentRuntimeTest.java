package io.servicetsunami.adapters.openclaw;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentRuntime.AgentRun;
import io.servicetsunami.ports.out.AgentRuntime.ToolCall;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OpenClawAgentRuntimeTest {

  @Test
  void taskOfATenantWithoutGatewayFailsWithAnActionableNoAgentRuntime() throws Exception {
    try (OpenClawSkillGateway gateway =
        new OpenClawSkillGateway(
            GatewayFixtures.fastSettings(Files.createTempDirectory("openclaw-keys")))) {
      OpenClawAgentRuntime runtime = new OpenClawAgentRuntime(gateway);
      TaskId task = new TaskId(UUID.randomUUID());

      PermanentException failure =
          assertPortError(
              PermanentException.class,
              ErrorCode.NO_AGENT_RUNTIME,
              () ->
                  runtime.run(
                      new AgentRun(
                          new TenantId(UUID.randomUUID()),
                          task,
                          new AgentId(UUID.randomUUID()),
                          "task-" + task,
                          "task-" + task + ":execute_task",
                          "",
                          "hello",
                          Map.of(),
                          "mock/mock-1",
                          Optional.empty())));

      assertThat(failure.getMessage())
          .contains(task.toString())
          .contains("Deploy or start the tenant's instance");
    }
  }

  @Test
  void transcriptGivesTheToolCallsOfTheRunOnlyWithTheirResults() throws Exception {
    // The shape chat.history returns (recorded from openclaw 2026.9.6): a tool call of an earlier
    // run, then the run's own call, its result and its answer.
    String transcript =
        "[{\"role\":\"assistant\",\"content\":[{\"type\":\"toolCall\",\"id\":\"old\","
            + "\"name\":\"ls\",\"arguments\":{}}],\"__openclaw\":{\"runId\":\"other\"}},"
            + "{\"role\":\"user\",\"content\":\"check\",\"__openclaw\":{\"seq\":1}},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"toolCall\",\"id\":\"call_1\","
            + "\"name\":\"exec\",\"arguments\":{\"command\":\"env\"}}],"
            + "\"stopReason\":\"toolUse\",\"__openclaw\":{\"runId\":\"r\"}},"
            + "{\"role\":\"toolResult\",\"toolCallId\":\"call_1\",\"toolName\":\"exec\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"(no output)\"}],\"isError\":true,"
            + "\"__openclaw\":{\"runId\":\"r\"}},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"done\"}],"
            + "\"__openclaw\":{\"runId\":\"r\"}}]";

    assertThat(
            OpenClawAgentRuntime.ToolStream.fromTranscript(
                WireJson.MAPPER.readTree(transcript), "r"))
        .containsExactly(
            new ToolCall(
                "exec",
                Map.of("command", "env"),
                Map.of("content", List.of(Map.of("type", "text", "text", "(no output)"))),
                true));
  }

  @Test
  void toolStreamPairsStartAndResultEventsByCallId() {
    OpenClawAgentRuntime.ToolStream stream = new OpenClawAgentRuntime.ToolStream();

    stream.accept(
        frame(
            "{\"runId\":\"r\",\"stream\":\"tool\",\"data\":{\"phase\":\"start\",\"name\":\"ls\","
                + "\"toolCallId\":\"c1\",\"args\":{\"path\":\".\"}}}"));
    stream.accept(
        frame(
            "{\"runId\":\"r\",\"stream\":\"tool\",\"data\":{\"phase\":\"start\",\"name\":\"read\","
                + "\"toolCallId\":\"c2\",\"args\":{}}}"));
    stream.accept(
        frame(
            "{\"runId\":\"r\",\"stream\":\"tool\",\"data\":{\"phase\":\"result\",\"name\":\"read\","
                + "\"toolCallId\":\"c2\",\"isError\":true,\"result\":\"no such file\"}}"));
    stream.accept(
        frame(
            "{\"runId\":\"r\",\"stream\":\"tool\",\"data\":{\"phase\":\"result\",\"name\":\"ls\","
                + "\"toolCallId\":\"c1\",\"isError\":false,\"result\":{\"entries\":2}}}"));
    stream.accept(frame("{\"runId\":\"r\",\"stream\":\"assistant\",\"data\":{\"text\":\"done\"}}"));

    assertThat(stream.calls())
        .containsExactly(
            new ToolCall("ls", Map.of("path", "."), Map.of("entries", 2), false),
            new ToolCall("read", Map.of(), Map.of("value", "no such file"), true));
  }

  private static InboundFrame frame(String payload) {
    return WireJson.readFrame(
            "{\"type\":\"event\",\"event\":\"agent\",\"payload\":" + payload + "}")
        .orElseThrow();
  }
}
