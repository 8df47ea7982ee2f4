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
 * OpenAI chat completions ({@code POST {base}/chat/completions}, bearer key). Structured output is
 * {@code response_format: {type: json_schema}}, strict when the schema allows it (every object
 * closed and all its properties required), and the answer is the message content as JSON.
 */
final class OpenAiWire extends Wire {

  @Override
  URI endpoint(LlmProvider provider) {
    return resolve(provider.baseUrl(), "chat/completions");
  }

  @Override
  Map<String, String> headers(LlmProvider provider) {
    Map<String, String> headers = new LinkedHashMap<>();
    provider.apiKey().ifPresent(key -> headers.put("authorization", "Bearer " + key.reveal()));
    return headers;
  }

  @Override
  JsonNode body(LlmProvider provider, String model, LlmClient.Request request) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    if (!request.system().isBlank()) {
      messages.addObject().put("role", "system").put("content", request.system());
    }
    for (LlmClient.Message message : request.messages()) {
      messages.addObject().put("role", message.role()).put("content", message.content());
    }
    body.put(provider.maxTokensField(), request.maxTokens());
    body.put("temperature", request.temperature());
    request
        .responseSchema()
        .ifPresent(
            schema -> {
              ObjectNode format = body.putObject("response_format");
              format.put("type", "json_schema");
              ObjectNode jsonSchema = format.putObject("json_schema");
              jsonSchema.put("name", ANSWER_NAME);
              jsonSchema.set("schema", JSON.valueToTree(schema));
              jsonSchema.put("strict", SchemaCheck.strictCompatible(schema));
            });
    return body;
  }

  @Override
  LlmClient.Response response(
      String provider, String model, JsonNode body, LlmClient.Request request) {
    JsonNode choices = body.get("choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      throw malformed(provider, "the response has no choices");
    }
    JsonNode choice = choices.get(0);
    JsonNode message = choice.get("message");
    if (message == null || !message.isObject()) {
      throw malformed(provider, "the first choice has no message");
    }
    String refusal = text(message, "refusal");
    if (refusal != null) {
      throw malformed(provider, "the model refused to answer: " + HttpLlmClient.cut(refusal));
    }
    String content = Optional.ofNullable(text(message, "content")).orElse("");
    Optional<Map<String, Object>> structured = Optional.empty();
    if (request.responseSchema().isPresent()) {
      if ("length".equals(text(choice, "finish_reason"))) {
        throw malformed(
            provider,
            "the structured answer was cut off at the token limit (" + request.maxTokens() + ")");
      }
      structured = Optional.of(structured(provider, content, request.responseSchema().get()));
    }
    String answered = Optional.ofNullable(text(body, "model")).orElse(model);
    return new LlmClient.Response(
        content,
        structured,
        answered,
        count(body, "usage", "prompt_tokens"),
        count(body, "usage", "completion_tokens"));
  }

  @Override
  Optional<String> errorMessage(JsonNode body) {
    JsonNode error = body == null ? null : body.get("error");
    if (error == null) {
      return Optional.empty();
    }
    return error.isTextual()
        ? Optional.of(error.asText())
        : Optional.ofNullable(text(error, "message"));
  }
}
