package io.servicetsunami.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.LlmClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpLlmClientTest {

  private static final Secret ANTHROPIC_KEY = Secret.of("sk-ant-test-key-0123456789");
  private static final Secret OPENAI_KEY = Secret.of("sk-test-openai-key-abcdef");

  /** The knowledge-extraction schema the core sends (KnowledgePrompt.RESPONSE_SCHEMA). */
  private static final Map<String, Object> SCHEMA =
      Map.of(
          "type",
          "object",
          "properties",
          Map.of(
              "entities",
              array(
                  Map.of(
                      "name", Map.of("type", "string"),
                      "type", Map.of("type", "string"),
                      "description", Map.of("type", "string"),
                      "confidence", Map.of("type", "number")),
                  List.of("name", "type", "description", "confidence")),
              "relations",
              array(
                  Map.of(
                      "from", Map.of("type", "string"),
                      "to", Map.of("type", "string"),
                      "type", Map.of("type", "string"),
                      "strength", Map.of("type", "number")),
                  List.of("from", "to", "type", "strength"))),
          "required",
          List.of("entities", "relations"),
          "additionalProperties",
          false);

  private final LoopbackLlmServer server = new LoopbackLlmServer();
  private final List<Duration> slept = new ArrayList<>();
  private final Instant now = Instant.parse("2026-11-27T10:00:00Z");

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpLlmClient client(Duration budget, int attempts, Duration attemptTimeout) {
    LlmSettings settings =
        new LlmSettings(
            List.of(
                LlmProvider.anthropic(server.baseUrl(""), ANTHROPIC_KEY),
                LlmProvider.openAi(server.baseUrl("/v1"), OPENAI_KEY),
                new LlmProvider(
                    "local",
                    WireFormat.OPENAI,
                    server.baseUrl("/local/v1"),
                    Optional.empty(),
                    List.of(),
                    "max_tokens")),
            Optional.of("local"),
            Duration.ofSeconds(2),
            attemptTimeout,
            budget,
            attempts,
            Duration.ofSeconds(2),
            Duration.ofSeconds(30));
    return new HttpLlmClient(
        settings,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
        slept::add,
        Clock.fixed(now, ZoneOffset.UTC),
        () -> 1.0);
  }

  private HttpLlmClient client() {
    return client(Duration.ofMinutes(5), 4, Duration.ofSeconds(10));
  }

  private static LlmClient.Request request(String model, Optional<Map<String, Object>> schema) {
    return new LlmClient.Request(
        model,
        "You are terse.",
        List.of(new LlmClient.Message("user", "What is the capital of France?")),
        256,
        0.0,
        schema);
  }

  private static JsonNode json(String body) throws IOException {
    return Wire.JSON.readTree(body);
  }

  @Test
  void speaksTheAnthropicMessagesApiForClaudeModels() throws IOException {
    server.answer(200, "anthropic-text.json");

    LlmClient.Response response = client().complete(request("claude-sonnet-4-5", Optional.empty()));

    assertThat(response.text()).isEqualTo("Paris is the capital of France.");
    assertThat(response.structured()).isEmpty();
    assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(response.inputTokens()).isEqualTo(21);
    assertThat(response.outputTokens()).isEqualTo(10);
    LoopbackLlmServer.Received sent = server.received().get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.path()).isEqualTo("/v1/messages");
    assertThat(sent.header("x-api-key")).isEqualTo(ANTHROPIC_KEY.reveal());
    assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(sent.header("authorization")).isNull();
    JsonNode body = json(sent.body());
    assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(256);
    assertThat(body.get("system").asText()).isEqualTo("You are terse.");
    assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("user");
    assertThat(body.get("messages").get(0).get("content").asText())
        .isEqualTo("What is the capital of France?");
    assertThat(body.has("tools")).isFalse();
  }

  @Test
  void asksAnthropicForStructuredOutputThroughAForcedToolCall() throws IOException {
    server.answer(200, "anthropic-tool-use.json");

    LlmClient.Response response =
        client().complete(request("anthropic/claude-opus-4-1", Optional.of(SCHEMA)));

    assertThat(response.structured()).isPresent();
    Map<String, Object> answer = response.structured().get();
    assertThat((List<?>) answer.get("entities")).hasSize(2);
    assertThat(((Map<?, ?>) ((List<?>) answer.get("entities")).get(0)).get("name"))
        .isEqualTo("Ada Lovelace");
    assertThat(((Map<?, ?>) ((List<?>) answer.get("relations")).get(0)).get("strength"))
        .isEqualTo(0.8);
    assertThat(json(response.text()).get("entities").size()).isEqualTo(2);
    JsonNode body = json(server.received().get(0).body());
    assertThat(body.get("model").asText()).isEqualTo("claude-opus-4-1");
    assertThat(body.get("tools").get(0).get("name").asText()).isEqualTo("answer");
    assertThat(body.get("tools").get(0).get("input_schema"))
        .isEqualTo(Wire.JSON.valueToTree(SCHEMA));
    assertThat(body.get("tool_choice").get("type").asText()).isEqualTo("tool");
    assertThat(body.get("tool_choice").get("name").asText()).isEqualTo("answer");
  }

  @Test
  void speaksOpenAiChatCompletionsForGptModels() throws IOException {
    server.answer(200, "openai-text.json");

    LlmClient.Response response = client().complete(request("gpt-4o", Optional.empty()));

    assertThat(response.text()).isEqualTo("Paris is the capital of France.");
    assertThat(response.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(response.inputTokens()).isEqualTo(19);
    assertThat(response.outputTokens()).isEqualTo(8);
    LoopbackLlmServer.Received sent = server.received().get(0);
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    assertThat(sent.header("authorization")).isEqualTo("Bearer " + OPENAI_KEY.reveal());
    assertThat(sent.header("x-api-key")).isNull();
    JsonNode body = json(sent.body());
    assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("system");
    assertThat(body.get("messages").get(1).get("role").asText()).isEqualTo("user");
    assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(256);
    assertThat(body.has("response_format")).isFalse();
  }

  @Test
  void asksOpenAiForAStrictJsonSchemaAnswer() throws IOException {
    server.answer(200, "openai-json-schema.json");

    LlmClient.Response response = client().complete(request("gpt-4o", Optional.of(SCHEMA)));

    assertThat(response.structured().orElseThrow().get("relations")).isEqualTo(List.of());
    JsonNode format = json(server.received().get(0).body()).get("response_format");
    assertThat(format.get("type").asText()).isEqualTo("json_schema");
    assertThat(format.get("json_schema").get("name").asText()).isEqualTo("answer");
    assertThat(format.get("json_schema").get("strict").asBoolean()).isTrue();
    assertThat(format.get("json_schema").get("schema")).isEqualTo(Wire.JSON.valueToTree(SCHEMA));
  }

  @Test
  void sendsANonStrictSchemaWhenTheSchemaLeavesPropertiesOptional() throws IOException {
    server.answer(200, "openai-json-schema.json");
    Map<String, Object> loose =
        Map.of("type", "object", "properties", Map.of("entities", Map.of("type", "array")));

    client().complete(request("gpt-4o", Optional.of(loose)));

    JsonNode format = json(server.received().get(0).body()).get("response_format");
    assertThat(format.get("json_schema").get("strict").asBoolean()).isFalse();
  }

  @Test
  void routesUnknownModelsToTheDefaultProviderWithItsOwnTokenField() throws IOException {
    server.answer(200, "openai-text.json");

    client().complete(request("llama3.1:8b", Optional.empty()));

    LoopbackLlmServer.Received sent = server.received().get(0);
    assertThat(sent.path()).isEqualTo("/local/v1/chat/completions");
    assertThat(sent.header("authorization")).isNull();
    JsonNode body = json(sent.body());
    assertThat(body.get("model").asText()).isEqualTo("llama3.1:8b");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(256);
  }

  @Test
  void refusesAModelNoProviderServes() {
    LlmSettings settings =
        LlmSettings.of(
            List.of(LlmProvider.anthropic(server.baseUrl(""), ANTHROPIC_KEY)), Optional.empty());

    assertThatThrownBy(
            () -> new HttpLlmClient(settings).complete(request("gpt-4o", Optional.empty())))
        .isInstanceOfSatisfying(
            PermanentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_REJECTED))
        .hasMessageContaining("no LLM provider is configured for model 'gpt-4o'");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void waitsWhatRetryAfterSaysOn429ThenSucceeds() {
    server
        .answer(429, "anthropic-rate-limit.json", Map.of("retry-after", "7"))
        .answer(200, "anthropic-text.json");

    LlmClient.Response response = client().complete(request("claude-haiku-4-5", Optional.empty()));

    assertThat(response.text()).isEqualTo("Paris is the capital of France.");
    assertThat(slept).containsExactly(Duration.ofSeconds(7));
    assertThat(server.received()).hasSize(2);
  }

  @Test
  void prefersRetryAfterMsAndReadsHttpDates() {
    String in90Seconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(now.plusSeconds(90), ZoneOffset.UTC));
    server
        .answer(429, "openai-rate-limit.json", Map.of("retry-after-ms", "120", "retry-after", "1"))
        .answer(503, "openai-server-error.json", Map.of("retry-after", in90Seconds))
        .answer(200, "openai-text.json");

    client().complete(request("gpt-4o-mini", Optional.empty()));

    assertThat(slept).containsExactly(Duration.ofMillis(120), Duration.ofSeconds(90));
  }

  @Test
  void retriesServerErrorsAndOverloadWithExponentialBackoff() {
    server
        .answer(500, "openai-server-error.json")
        .answer(529, "anthropic-overloaded.json")
        .answer(502, "openai-server-error.json")
        .answer(200, "anthropic-text.json");

    client().complete(request("claude-sonnet-4-5", Optional.empty()));

    assertThat(slept)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
  }

  @Test
  void givesUpAsUnavailableWithTheProvidersRetryAfterWhenAttemptsRunOut() {
    for (int i = 0; i < 4; i++) {
      server.answer(529, "anthropic-overloaded.json", Map.of("retry-after", "3"));
    }

    assertThatThrownBy(() -> client().complete(request("claude-sonnet-4-5", Optional.empty())))
        .isInstanceOfSatisfying(
            TransientException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
            })
        .hasMessageContaining("HTTP 529: Overloaded")
        .hasMessageContaining("4 attempt(s)");
    assertThat(server.received()).hasSize(4);
  }

  @Test
  void reportsARetryAfterBeyondTheBudgetAtOnceInsteadOfSleeping() {
    server.answer(429, "anthropic-rate-limit.json", Map.of("retry-after", "600"));

    assertThatThrownBy(
            () ->
                client(Duration.ofMinutes(2), 4, Duration.ofSeconds(10))
                    .complete(request("claude-sonnet-4-5", Optional.empty())))
        .isInstanceOfSatisfying(
            TransientException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(600)))
        .hasMessageContaining("rate limit");
    assertThat(slept).isEmpty();
  }

  @Test
  void retriesATimedOutAttempt() {
    server.answerRaw(200, LoopbackLlmServer.fixture("openai-text.json"), 1_500);
    server.answer(200, "openai-text.json");

    LlmClient.Response response =
        client(Duration.ofMinutes(5), 3, Duration.ofMillis(300))
            .complete(request("gpt-4o", Optional.empty()));

    assertThat(response.text()).isEqualTo("Paris is the capital of France.");
    assertThat(slept).hasSize(1);
  }

  @Test
  void aBadKeyIsRejectedPermanentlyWithoutRetryAndWithoutEchoingTheKey() {
    server.answer(401, "anthropic-authentication.json");

    assertThatThrownBy(() -> client().complete(request("claude-sonnet-4-5", Optional.empty())))
        .isInstanceOfSatisfying(
            PermanentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_REJECTED))
        .hasMessageContaining("rejected the API key (HTTP 401): invalid x-api-key")
        .hasMessageNotContaining(ANTHROPIC_KEY.reveal());
    assertThat(server.received()).hasSize(1);

    server.answer(401, "openai-invalid-key.json");
    assertThatThrownBy(() -> client().complete(request("gpt-4o", Optional.empty())))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("rejected the API key")
        .hasMessageNotContaining(OPENAI_KEY.reveal());
  }

  @Test
  void anUnknownModelIsRejected() {
    server.answerRaw(
        404,
        "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude-nope\"}}",
        0);

    assertThatThrownBy(() -> client().complete(request("claude-nope", Optional.empty())))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("does not know model 'claude-nope'");
  }

  @Test
  void aStructuredAnswerThatIsNotJsonIsAClearError() {
    server.answer(200, "openai-not-json.json");

    assertThatThrownBy(() -> client().complete(request("gpt-4o-mini", Optional.of(SCHEMA))))
        .isInstanceOfSatisfying(
            PermanentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_REJECTED))
        .hasMessage("malformed output from LLM provider openai: its structured answer is not JSON");
    assertThat(slept).isEmpty();
  }

  @Test
  void aStructuredAnswerMissingARequiredFieldIsAClearError() {
    server.answer(200, "anthropic-tool-use-missing-field.json");

    assertThatThrownBy(() -> client().complete(request("claude-sonnet-4-5", Optional.of(SCHEMA))))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("does not follow the schema ($.entities[0]: type is missing)");
  }

  @Test
  void aStructuredAnswerCutOffAtMaxTokensIsAClearError() {
    server.answer(200, "anthropic-max-tokens.json");

    assertThatThrownBy(() -> client().complete(request("claude-sonnet-4-5", Optional.of(SCHEMA))))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("cut off at max_tokens (256)");
  }

  @Test
  void aRefusalIsAClearError() {
    server.answer(200, "openai-refusal.json");

    assertThatThrownBy(() -> client().complete(request("gpt-4o", Optional.of(SCHEMA))))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("the model refused to answer: I'm sorry");
  }

  @Test
  void aBodyThatIsNotJsonIsAClearError() {
    server.answerRaw(200, "<html><body>Bad gateway</body></html>", 0);

    assertThatThrownBy(() -> client().complete(request("gpt-4o", Optional.empty())))
        .isInstanceOf(PermanentException.class)
        .hasMessage("malformed output from LLM provider openai: the response body is not JSON");
  }

  @Test
  void refusesASchemaThatIsNotAnObject() {
    assertThatThrownBy(
            () -> client().complete(request("gpt-4o", Optional.of(Map.of("type", "array")))))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("must describe a JSON object");
  }

  @Test
  void unreachableProviderIsUnavailable() {
    LlmSettings settings =
        new LlmSettings(
            List.of(LlmProvider.openAi(java.net.URI.create("http://127.0.0.1:9/v1"), OPENAI_KEY)),
            Optional.empty(),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            2,
            Duration.ofMillis(1),
            Duration.ofMillis(2));
    HttpLlmClient client =
        new HttpLlmClient(
            settings, HttpClient.newHttpClient(), d -> {}, Clock.systemUTC(), () -> 1.0);

    assertThatThrownBy(() -> client.complete(request("gpt-4o", Optional.empty())))
        .isInstanceOfSatisfying(
            TransientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.LLM_UNAVAILABLE))
        .hasMessageContaining("could not be reached");
  }

  @Test
  void readsKeysAndBaseUrlsFromTheEnvironment() {
    LlmSettings settings =
        LlmSettings.fromEnvironment(
            Map.of(
                "ANTHROPIC_API_KEY", " sk-ant-env ",
                "OPENAI_API_KEY", "sk-env",
                "OPENAI_BASE_URL", "http://127.0.0.1:8000/v1",
                "LLM_DEFAULT_PROVIDER", "openai"));

    assertThat(settings.providers())
        .extracting(LlmProvider::name)
        .containsExactly("anthropic", "openai");
    assertThat(settings.providers().get(0).apiKey()).contains(Secret.of("sk-ant-env"));
    assertThat(settings.providers().get(0).baseUrl()).isEqualTo(LlmSettings.ANTHROPIC_BASE_URL);
    assertThat(settings.providers().get(1).baseUrl().toString())
        .isEqualTo("http://127.0.0.1:8000/v1");
    assertThat(settings.defaultProvider()).contains("openai");
    assertThat(settings.providers().toString()).doesNotContain("sk-");
    assertThat(LlmSettings.fromEnvironment(Map.of()).providers()).isEmpty();
  }

  private static Map<String, Object> array(Map<String, Object> properties, List<String> required) {
    return Map.of(
        "type",
        "array",
        "items",
        Map.of(
            "type",
            "object",
            "properties",
            properties,
            "required",
            required,
            "additionalProperties",
            false));
  }
}
