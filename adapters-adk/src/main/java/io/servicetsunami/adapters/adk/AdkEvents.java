package io.servicetsunami.adapters.adk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.servicetsunami.ports.out.AgentRuntime.AgentRunResult;
import io.servicetsunami.ports.out.AgentRuntime.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ADK server's events (camelCase JSON, as {@code /run} returns them and a session stores them)
 * read into the port's terms. Field order and optional fields vary between events, so everything is
 * read by name from a tree and unknown fields are ignored.
 */
final class AdkEvents {

  static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /**
   * Error codes of a failed turn that may go away on their own: quota, overload, deadlines. Any
   * other code (a model or agent that throws, a refused request) is permanent.
   */
  private static final Set<String> TRANSIENT_ERROR_CODES =
      Set.of(
          "RESOURCE_EXHAUSTED",
          "UNAVAILABLE",
          "DEADLINE_EXCEEDED",
          "INTERNAL",
          "429",
          "500",
          "502",
          "503",
          "504");

  private static final TypeReference<LinkedHashMap<String, Object>> OBJECT =
      new TypeReference<>() {};

  private AdkEvents() {}

  /** A failed turn: an event with an {@code errorCode} (HTTP 200 nevertheless). */
  record TurnError(String code, String message, boolean isTransient) {}

  /** The first event of {@code events} that reports an error, if any. */
  static Optional<TurnError> error(List<JsonNode> events) {
    for (JsonNode event : events) {
      if (event.hasNonNull("errorCode") || event.hasNonNull("errorMessage")) {
        String code = event.path("errorCode").asText("UNKNOWN_ERROR");
        String message = event.path("errorMessage").asText("the agent run failed");
        return Optional.of(new TurnError(code, message, TRANSIENT_ERROR_CODES.contains(code)));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the event is a final response: not partial, not from the user, and without function
   * calls or responses (non-streaming runs carry no {@code turnComplete}).
   */
  static boolean isFinal(JsonNode event) {
    if (event.path("partial").asBoolean(false)
        || "user".equals(event.path("author").asText())
        || event.hasNonNull("errorCode")) {
      return false;
    }
    JsonNode parts = event.path("content").path("parts");
    if (!parts.isArray() || parts.isEmpty()) {
      return false;
    }
    for (JsonNode part : parts) {
      if (part.has("functionCall") || part.has("functionResponse")) {
        return false;
      }
    }
    return true;
  }

  /**
   * The run's result: the text of its last final response, every function call paired with its
   * response (by id, else by name) as a tool call, and where the run happened as output.
   */
  static AgentRunResult result(
      List<JsonNode> events, String appName, String sessionId, String invocationId) {
    Map<String, PendingCall> calls = new LinkedHashMap<>();
    List<PendingCall> order = new ArrayList<>();
    String finalText = "";
    String author = null;
    int counter = 0;
    for (JsonNode event : events) {
      if (event.path("partial").asBoolean(false)) {
        continue;
      }
      for (JsonNode part : event.path("content").path("parts")) {
        JsonNode call = part.get("functionCall");
        if (call != null && call.isObject()) {
          String id = call.path("id").asText("");
          PendingCall pending =
              new PendingCall(call.path("name").asText("unknown"), toMap(call.path("args")));
          calls.put(id.isEmpty() ? "#" + counter++ : id, pending);
          order.add(pending);
        }
        JsonNode response = part.get("functionResponse");
        if (response != null && response.isObject()) {
          PendingCall pending = match(calls, response);
          if (pending == null) {
            // A response without a call we saw (e.g. resumed from an earlier turn): still a call.
            pending = new PendingCall(response.path("name").asText("unknown"), Map.of());
            order.add(pending);
          }
          pending.respond(response.path("response"));
        }
      }
      if (isFinal(event)) {
        finalText = text(event);
        author = event.path("author").asText(null);
      }
    }
    List<ToolCall> toolCalls = new ArrayList<>();
    for (PendingCall pending : order) {
      toolCalls.add(new ToolCall(pending.name, pending.arguments, pending.result, pending.failed));
    }
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("runtime", "adk");
    output.put("app", appName);
    output.put("session_id", sessionId);
    output.put("invocation_id", invocationId);
    if (author != null) {
      output.put("author", author);
    }
    return new AgentRunResult(finalText, output, toolCalls);
  }

  /** The text parts of an event's content, joined; thoughts are left out. */
  static String text(JsonNode event) {
    StringBuilder text = new StringBuilder();
    for (JsonNode part : event.path("content").path("parts")) {
      if (part.hasNonNull("text") && !part.path("thought").asBoolean(false)) {
        text.append(part.get("text").asText());
      }
    }
    return text.toString();
  }

  static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(items::add);
    }
    return items;
  }

  static JsonNode parse(String body) throws JsonProcessingException {
    return MAPPER.readTree(body);
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode request: " + e.getOriginalMessage(), e);
    }
  }

  /** The {@code error} of a JSON error body ({@code {"error": "..."}}), else the body itself. */
  static String errorText(String body) {
    try {
      JsonNode tree = parse(body);
      if (tree != null && tree.hasNonNull("error")) {
        JsonNode error = tree.get("error");
        return error.isTextual() ? error.asText() : error.toString();
      }
    } catch (JsonProcessingException notJson) {
      // Express answers unknown routes and malformed JSON with HTML.
    }
    String flat = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return flat.length() > 300 ? flat.substring(0, 300) + " […]" : flat;
  }

  private static PendingCall match(Map<String, PendingCall> calls, JsonNode response) {
    String id = response.path("id").asText("");
    if (!id.isEmpty() && calls.containsKey(id)) {
      return calls.remove(id);
    }
    String name = response.path("name").asText("");
    for (var entry : calls.entrySet()) {
      if (entry.getValue().name.equals(name) && !entry.getValue().responded) {
        return calls.remove(entry.getKey());
      }
    }
    return null;
  }

  private static Map<String, Object> toMap(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Map.of();
    }
    return MAPPER.convertValue(node, OBJECT);
  }

  private static final class PendingCall {
    final String name;
    final Map<String, Object> arguments;
    Map<String, Object> result = Map.of();
    boolean failed;
    boolean responded;

    PendingCall(String name, Map<String, Object> arguments) {
      this.name = name;
      this.arguments = arguments;
    }

    void respond(JsonNode response) {
      responded = true;
      if (response.isObject()) {
        result = toMap(response);
        // ADK reports a tool that threw as {"error": "Error in tool '<name>': <message>"}.
        failed = response.hasNonNull("error");
      } else if (!response.isMissingNode() && !response.isNull()) {
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("value", MAPPER.convertValue(response, Object.class));
        result = wrapped;
      }
    }
  }
}
