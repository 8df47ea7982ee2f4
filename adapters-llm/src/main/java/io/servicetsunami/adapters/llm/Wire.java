package io.servicetsunami.adapters.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.out.LlmClient;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** One provider wire format: the request it sends and how it reads the answer. */
abstract class Wire {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The structured-output tool / schema name the client uses. */
  static final String ANSWER_NAME = "answer";

  static Wire of(WireFormat format) {
    return switch (format) {
      case ANTHROPIC -> new AnthropicWire();
      case OPENAI -> new OpenAiWire();
    };
  }

  abstract URI endpoint(LlmProvider provider);

  /** Headers besides content type: authentication and version. */
  abstract Map<String, String> headers(LlmProvider provider);

  abstract JsonNode body(LlmProvider provider, String model, LlmClient.Request request);

  /**
   * Reads a successful answer.
   *
   * @throws PermanentException {@code llm_rejected} for an answer that is malformed, cut off, or
   *     does not follow the response schema
   */
  abstract LlmClient.Response response(
      String provider, String model, JsonNode body, LlmClient.Request request);

  /** The provider's own words about an error response, if it sent any. */
  abstract Optional<String> errorMessage(JsonNode body);

  /** Parses the structured answer's JSON text and checks it against the schema. */
  static Map<String, Object> structured(String provider, String json, Map<String, Object> schema) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (Exception e) {
      throw malformed(provider, "its structured answer is not JSON");
    }
    return checked(provider, node, schema);
  }

  static Map<String, Object> checked(String provider, JsonNode node, Map<String, Object> schema) {
    if (node == null || !node.isObject()) {
      throw malformed(provider, "its structured answer is not a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> answer = JSON.convertValue(node, Map.class);
    SchemaCheck.violation(schema, answer)
        .ifPresent(
            violation -> {
              throw malformed(
                  provider, "its structured answer does not follow the schema (" + violation + ")");
            });
    return answer;
  }

  static PermanentException malformed(String provider, String what) {
    return new PermanentException(
        ErrorCode.LLM_REJECTED, "malformed output from LLM provider " + provider + ": " + what);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  static long count(JsonNode node, String object, String field) {
    JsonNode parent = node.get(object);
    return parent != null && parent.has(field) ? Math.max(0, parent.get(field).asLong()) : 0;
  }

  static URI resolve(URI base, String path) {
    String root = base.toString();
    return URI.create(root.endsWith("/") ? root + path : root + "/" + path);
  }
}
