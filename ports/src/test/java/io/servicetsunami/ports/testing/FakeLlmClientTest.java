package io.servicetsunami.ports.testing;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.out.LlmClient.Message;
import io.servicetsunami.ports.out.LlmClient.Request;
import io.servicetsunami.ports.out.LlmClient.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeLlmClientTest {

  private final FakeLlmClient llm = new FakeLlmClient();

  private static Request request(Optional<Map<String, Object>> schema) {
    return new Request(
        "claude-sonnet-4-5",
        "You extract entities.",
        List.of(new Message("user", "Grace Hopper works at Acme")),
        1024,
        0.0,
        schema);
  }

  @Test
  void queuedAnswersComeFirstInOrderThenTheDefault() {
    llm.respond("first").respondStructured(Map.of("entities", List.of("Grace Hopper")));

    Response first = llm.complete(request(Optional.empty()));
    Response second = llm.complete(request(Optional.of(Map.of("type", "object"))));
    Response third = llm.complete(request(Optional.empty()));

    assertThat(first.text()).isEqualTo("first");
    assertThat(second.structured()).contains(Map.of("entities", List.of("Grace Hopper")));
    assertThat(third.text()).isEqualTo("ok");
    assertThat(third.model()).isEqualTo("claude-sonnet-4-5");
    assertThat(llm.requests()).hasSize(3);
  }

  @Test
  void defaultAnswerIsStructuredWhenASchemaIsGiven() {
    assertThat(llm.complete(request(Optional.of(Map.of("type", "object")))).structured())
        .contains(Map.of());
    assertThat(llm.complete(request(Optional.empty())).structured()).isEmpty();
  }

  @Test
  void scriptedFailureHitsOneRequest() {
    llm.failNextWith(new TransientException(ErrorCode.LLM_UNAVAILABLE, "429"));

    assertPortError(
        TransientException.class,
        ErrorCode.LLM_UNAVAILABLE,
        () -> llm.complete(request(Optional.empty())));
    assertThat(llm.complete(request(Optional.empty())).text()).isEqualTo("ok");
  }

  @Test
  void tokenCountsAreRoughWordCounts() {
    Response response =
        llm.byDefault(r -> FakeLlmClient.response(r, "two words", Optional.empty()))
            .complete(request(Optional.empty()));

    assertThat(response.inputTokens()).isEqualTo(8);
    assertThat(response.outputTokens()).isEqualTo(2);
  }
}
