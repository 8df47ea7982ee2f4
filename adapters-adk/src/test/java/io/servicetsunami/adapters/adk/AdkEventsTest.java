package io.servicetsunami.adapters.adk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.ports.out.AgentRuntime.AgentRunResult;
import io.servicetsunami.ports.out.AgentRuntime.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Event shapes the real server does not produce in the ITs: partials, thoughts, Python times. */
class AdkEventsTest {

  @Test
  void partialEventsAndThoughtsAreNotTheFinalText() throws Exception {
    List<JsonNode> events =
        AdkEvents.list(
            AdkEvents.parse(
                """
                [{"author":"a","partial":true,"content":{"parts":[{"text":"ech"}]}},
                 {"author":"a","content":{"parts":[{"text":"thinking","thought":true},
                                                    {"text":"echo: hi"}]}}]
                """));

    AgentRunResult result = AdkEvents.result(events, "app", "s", "e-1");

    assertThat(result.finalText()).isEqualTo("echo: hi");
    assertThat(result.toolCalls()).isEmpty();
  }

  @Test
  void callsWithoutIdsArePairedByNameAndNonObjectResponsesAreWrapped() throws Exception {
    List<JsonNode> events =
        AdkEvents.list(
            AdkEvents.parse(
                """
                [{"author":"a","content":{"parts":[{"functionCall":{"name":"t","args":{"x":1}}}]}},
                 {"author":"a","content":{"parts":[{"functionResponse":{"name":"t","response":"ok"}}]}},
                 {"author":"a","content":{"parts":[{"text":"done"}]}}]
                """));

    AgentRunResult result = AdkEvents.result(events, "app", "s", "e-1");

    assertThat(result.toolCalls())
        .containsExactly(new ToolCall("t", Map.of("x", 1), Map.of("value", "ok"), false));
    assertThat(result.finalText()).isEqualTo("done");
  }

  @Test
  void errorCodesDecideBetweenTransientAndPermanent() throws Exception {
    assertThat(
            AdkEvents.error(
                    AdkEvents.list(
                        AdkEvents.parse("[{\"errorCode\":\"429\",\"errorMessage\":\"quota\"}]")))
                .orElseThrow()
                .isTransient())
        .isTrue();
    assertThat(
            AdkEvents.error(
                    AdkEvents.list(
                        AdkEvents.parse(
                            "[{\"errorCode\":\"UNKNOWN_ERROR\",\"errorMessage\":\"bug\"}]")))
                .orElseThrow()
                .isTransient())
        .isFalse();
  }

  @Test
  void timestampsInPythonSecondsAndJsMillisecondsAgree() throws Exception {
    assertThat(AdkAgentRuntime.timestampMillis(AdkEvents.parse("1795793177.046")))
        .isEqualTo(1795793177046L);
    assertThat(AdkAgentRuntime.timestampMillis(AdkEvents.parse("1795793177046")))
        .isEqualTo(1795793177046L);
  }
}
