package io.servicetsunami.adapters.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicetsunami.ports.out.LlmClient;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}, {@code anthropic-version: 2023-06-01}).
 * Structured output is a forced tool call: the schema becomes the {@code input_schema} of one tool
 * that {@code tool_choice} makes the model call, and the call's {@code input} is the answer.
 */
final class AnthropicWire extends Wire {

  static final String VERSION = "2023-06-01";

  @Override
  URI endpoint(LlmProvider provider) {
    return resolve(provider.baseUrl(), "v1/messages");
  }

  @Override
  Map<String, String> headers(LlmProvider provider) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("anthropic-version", VERSION);
    provider.apiKey().ifPresent(key -> headers.put("x-api-key", key.reveal()));
    return headers;
  }

  @Override
  JsonNode body(LlmProvider provider, String model, LlmClient.Request request) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    body.put(provider.maxTokensField(), request.maxTokens());
    body.put("temperature", request.temperature());
    if (!request.system().isBlank()) {
      body.put("system", request.system());
    }
    ArrayNode messages = body.putArray("messages");
    for (LlmClient.Message message : request.messages()) {
      messages.addObject().put("role", message.role()).put("content", message.content());
    }
    request
        .responseSchema()
        .ifPresent(
            schema -> {
              ObjectNode tool = body.putArray("tools").addObject();
              tool.put("name", ANSWER_NAME);
              tool.put("description", "Give the answer, following this schema exactly.");
              tool.set("input_schema", JSON.valueToTree(schema));
              body.putObject("tool_choice").put("type", "tool").put("name", ANSWER_NAME);
            });
    return body;
  }

  @Override
  LlmClient.Response response(
      String provider, String model, JsonNode body, LlmClient.Request request) {
    JsonNode content = body.get("content");
    if (content == null || !content.isArray()) {
      throw malformed(provider, "the response has no content array");
    }
    StringBuilder text = new StringBuilder();
    JsonNode toolInput = null;
    for (JsonNode block : content) {
      String type = text(block, "type");
      if ("text".equals(type) && text(block, "text") != null) {
        text.append(text(block, "text"));
      } else if ("tool_use".equals(type) && ANSWER_NAME.equals(text(block, "name"))) {
        toolInput = block.get("input");
      }
    }
    String stopReason = text(body, "stop_reason");
    if ("refusal".equals(stopReason)) {
      throw malformed(provider, "the model refused to answer");
    }
    Optional<Map<String, Object>> structured = Optional.empty();
    if (request.responseSchema().isPresent()) {
      if ("max_tokens".equals(stopReason)) {
        throw malformed(
            provider,
            "the structured answer was cut off at max_tokens (" + request.maxTokens() + ")");
      }
      if (toolInput == null) {
        throw malformed(provider, "the model gave no structured answer (no tool_use block)");
      }
      structured = Optional.of(checked(provider, toolInput, request.responseSchema().get()));
      if (text.length() == 0) {
        text.append(toolInput.toString());
      }
    }
    String answered = Optional.ofNullable(text(body, "model")).orElse(model);
    return new LlmClient.Response(
        text.toString(),
        structured,
        answered,
        count(body, "usage", "input_tokens"),
        count(body, "usage", "output_tokens"));
  }

  @Override
  Optional<String> errorMessage(JsonNode body) {
    JsonNode error = body == null ? null : body.get("error");
    return error == null ? Optional.empty() : Optional.ofNullable(text(error, "message"));
  }
}
