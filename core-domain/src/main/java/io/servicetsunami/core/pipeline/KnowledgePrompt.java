package io.servicetsunami.core.pipeline;

import io.servicetsunami.ports.model.ChatMessage;
import io.servicetsunami.ports.model.ChatSession;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.out.LlmClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the knowledge-extraction step asks the model and how it reads the answer.
 *
 * <p>The transcript is bounded so that one huge conversation cannot blow the model's context or the
 * step's 10-minute budget: each message is cut to {@value #MAX_MESSAGE_CHARS} characters and the
 * transcript to {@value #MAX_TRANSCRIPT_CHARS} characters (about 12k tokens), keeping whole
 * messages from the start of the conversation — where its subject is set — plus a one-line note
 * saying how many later messages were left out. Blank messages are skipped.
 *
 * <p>Answers are read leniently: an item that is not an object, lacks a name or type, or carries a
 * confidence or strength that is not a finite number is skipped, not fatal; numbers are clamped to
 * {@code [0, 1]}, and a missing confidence or strength counts as {@value #DEFAULT_SCORE}.
 */
final class KnowledgePrompt {

  static final int MAX_MESSAGE_CHARS = 4_000;
  static final int MAX_TRANSCRIPT_CHARS = 48_000;
  static final int MAX_OUTPUT_TOKENS = 4_096;
  static final double DEFAULT_SCORE = 0.5;

  static final String SYSTEM =
      "You extract a knowledge graph from a conversation. List the notable entities it mentions"
          + " (people, organisations, products, projects, places, concepts) with a short"
          + " description and your confidence between 0 and 1, and the relations between them"
          + " (from and to are entity names exactly as listed, type is a short verb phrase such as"
          + " works_for or uses, strength between 0 and 1). Only include what the conversation"
          + " supports. Answer with JSON following the given schema.";

  static final Map<String, Object> RESPONSE_SCHEMA =
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

  /** An entity as the model named it. */
  record FoundEntity(String name, String type, Optional<String> description, double confidence) {}

  /** A relation as the model named it, ends by entity name. */
  record FoundRelation(String from, String to, String type, double strength) {}

  private KnowledgePrompt() {}

  static LlmClient.Request request(String model, ChatSession session, String transcript) {
    String user =
        "Conversation \""
            + session.title()
            + "\" ("
            + session.source().wire()
            + "):\n\n"
            + transcript;
    return new LlmClient.Request(
        model,
        SYSTEM,
        List.of(new LlmClient.Message("user", user)),
        MAX_OUTPUT_TOKENS,
        0.0,
        Optional.of(RESPONSE_SCHEMA));
  }

  /** The bounded transcript, one {@code role: text} paragraph per message; empty if none. */
  static String transcript(List<ChatMessage> messages) {
    StringBuilder transcript = new StringBuilder();
    int leftOut = 0;
    for (ChatMessage message : messages) {
      if (message.text().isBlank()) {
        continue;
      }
      String paragraph =
          message.role() + ": " + cut(message.text().strip(), MAX_MESSAGE_CHARS) + "\n\n";
      // Once one message does not fit, later ones are left out too: a transcript with holes in
      // it would put words in the wrong context.
      if (leftOut == 0 && transcript.length() + paragraph.length() <= MAX_TRANSCRIPT_CHARS) {
        transcript.append(paragraph);
      } else {
        leftOut++;
      }
    }
    if (leftOut > 0) {
      transcript.append("[").append(leftOut).append(" later messages left out for length]\n");
    }
    return transcript.toString();
  }

  static List<FoundEntity> entities(Map<String, Object> answer) {
    List<FoundEntity> found = new ArrayList<>();
    for (Object item : items(answer, "entities")) {
      if (!(item instanceof Map<?, ?> fields)) {
        continue;
      }
      Optional<String> name = text(fields.get("name"));
      Optional<String> type = text(fields.get("type")).map(KnowledgePrompt::typeKey);
      Optional<Double> confidence = score(fields.get("confidence"));
      if (name.isEmpty() || type.isEmpty() || confidence.isEmpty()) {
        continue;
      }
      found.add(
          new FoundEntity(
              name.get(), type.get(), text(fields.get("description")), confidence.get()));
    }
    return found;
  }

  static List<FoundRelation> relations(Map<String, Object> answer) {
    List<FoundRelation> found = new ArrayList<>();
    for (Object item : items(answer, "relations")) {
      if (!(item instanceof Map<?, ?> fields)) {
        continue;
      }
      Optional<String> from = text(fields.get("from"));
      Optional<String> to = text(fields.get("to"));
      Optional<String> type = text(fields.get("type")).map(KnowledgePrompt::typeKey);
      Optional<Double> strength = score(fields.get("strength"));
      if (from.isEmpty() || to.isEmpty() || type.isEmpty() || strength.isEmpty()) {
        continue;
      }
      found.add(new FoundRelation(from.get(), to.get(), type.get(), strength.get()));
    }
    return found;
  }

  /**
   * Types are compared exactly when entities are deduplicated, so "Person" and "person " must
   * become one key: lower case, inner whitespace as {@code _}.
   */
  static String typeKey(String type) {
    return KnowledgeEntity.normalize(type).replace(' ', '_');
  }

  private static List<?> items(Map<String, Object> answer, String key) {
    return answer.get(key) instanceof List<?> list ? list : List.of();
  }

  private static Optional<String> text(Object value) {
    return value instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
  }

  private static Optional<Double> score(Object value) {
    if (value == null) {
      return Optional.of(DEFAULT_SCORE);
    }
    if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
      return Optional.empty();
    }
    return Optional.of(Math.max(0.0, Math.min(1.0, number.doubleValue())));
  }

  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    // Never split a surrogate pair: half a character is not text.
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
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
