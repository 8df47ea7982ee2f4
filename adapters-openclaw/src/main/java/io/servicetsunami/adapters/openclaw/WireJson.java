package io.servicetsunami.adapters.openclaw;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JSON on the wire: frames in and out, and JSON trees converted to the ports' plain JDK form. */
final class WireJson {

  /** Absent fields are omitted, not sent as null: the gateway's schemas are closed. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private static final TypeReference<LinkedHashMap<String, Object>> OBJECT =
      new TypeReference<>() {};

  private WireJson() {}

  static String write(Object frame) {
    try {
      return MAPPER.writeValueAsString(frame);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode frame: " + e.getOriginalMessage(), e);
    }
  }

  /** The frame, or empty when the text is not a JSON object. */
  static Optional<InboundFrame> readFrame(String text) {
    try {
      JsonNode tree = MAPPER.readTree(text);
      if (tree == null || !tree.isObject()) {
        return Optional.empty();
      }
      return Optional.of(MAPPER.treeToValue(tree, InboundFrame.class));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static <T> Optional<T> convert(JsonNode node, Class<T> type) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.treeToValue(node, type));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A JSON object as {@code Map<String, Object>}; anything else as an empty map. */
  static Map<String, Object> toMap(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Map.of();
    }
    return MAPPER.convertValue(node, OBJECT);
  }

  /** Any JSON value as its plain JDK form (maps, lists, strings, numbers, booleans, null). */
  static Object toPlain(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      return toMap(node);
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>();
      node.forEach(item -> items.add(toPlain(item)));
      return items;
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }

  /** The text parts of a {@code content} array ({@code [{type:"text", text}]}), joined. */
  static String contentText(JsonNode content) {
    if (content == null) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder text = new StringBuilder();
    if (content.isArray()) {
      for (JsonNode part : content) {
        if (part.hasNonNull("text")) {
          if (text.length() > 0) {
            text.append('\n');
          }
          text.append(part.get("text").asText());
        }
      }
    }
    return text.toString();
  }

  /** The text parsed as JSON when it is a JSON object or array. */
  static Optional<Object> parseStructured(String text) {
    String trimmed = text.strip();
    if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(toPlain(MAPPER.readTree(trimmed)));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
