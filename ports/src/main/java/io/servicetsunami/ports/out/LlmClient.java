package io.servicetsunami.ports.out;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Completes prompts with a large language model. */
public interface LlmClient {

  /** One message of the conversation; role is {@code user} or {@code assistant}. */
  record Message(String role, String content) {
    public Message {
      requireNonNull(role, "role is null");
      requireNonNull(content, "content is null");
    }
  }

  /**
   * @param model provider-qualified or plain model name, e.g. {@code claude-sonnet-4-5}
   * @param responseSchema a JSON schema the answer must follow (structured output), if any
   */
  record Request(
      String model,
      String system,
      List<Message> messages,
      int maxTokens,
      double temperature,
      Optional<Map<String, Object>> responseSchema) {
    public Request {
      requireNonNull(model, "model is null");
      requireNonNull(system, "system is null");
      messages = List.copyOf(requireNonNull(messages, "messages is null"));
      if (messages.isEmpty()) {
        throw new IllegalArgumentException("a request needs at least one message");
      }
      if (maxTokens < 1) {
        throw new IllegalArgumentException("maxTokens must be positive");
      }
      responseSchema = requireNonNull(responseSchema, "responseSchema is null").map(Json::copyOf);
    }
  }

  /**
   * @param structured the parsed answer when a response schema was given
   */
  record Response(
      String text,
      Optional<Map<String, Object>> structured,
      String model,
      long inputTokens,
      long outputTokens) {
    public Response {
      requireNonNull(text, "text is null");
      structured = requireNonNull(structured, "structured is null").map(Json::copyOf);
      requireNonNull(model, "model is null");
    }
  }

  /**
   * Completes the conversation, retrying rate limits and server errors within its own time budget.
   *
   * @throws TransientException {@code llm_unavailable} when the provider stays unavailable or rate
   *     limited (with its retry-after)
   * @throws PermanentException {@code llm_rejected} for a request the provider refuses (bad key,
   *     unknown model, invalid request)
   */
  Response complete(Request request);
}
