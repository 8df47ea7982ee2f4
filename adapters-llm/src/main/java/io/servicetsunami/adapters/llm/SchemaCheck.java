package io.servicetsunami.adapters.llm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a structured answer against the response schema, for the part of JSON Schema that
 * structured output uses: {@code type}, {@code properties}, {@code required}, {@code
 * additionalProperties: false}, {@code items} and {@code enum}. Other keywords are not checked. A
 * provider's strict mode should already guarantee all this; the check is what makes a
 * non-conforming answer a clear error instead of a surprise further on.
 */
final class SchemaCheck {

  private SchemaCheck() {}

  /** The first violation, as a path and a reason ({@code $.entities[0]: name is missing}). */
  static Optional<String> violation(Map<String, Object> schema, Object value) {
    return check(schema, value, "$");
  }

  /**
   * Whether OpenAI's strict mode accepts the schema: every object lists all its properties as
   * required and forbids additional ones.
   */
  static boolean strictCompatible(Object schema) {
    if (!(schema instanceof Map<?, ?> node)) {
      return true;
    }
    if (node.get("properties") instanceof Map<?, ?> properties) {
      if (!Boolean.FALSE.equals(node.get("additionalProperties"))) {
        return false;
      }
      if (!(node.get("required") instanceof List<?> required)
          || !required.containsAll(properties.keySet())) {
        return false;
      }
      for (Object property : properties.values()) {
        if (!strictCompatible(property)) {
          return false;
        }
      }
    }
    return strictCompatible(node.get("items"));
  }

  private static Optional<String> check(Object schema, Object value, String path) {
    if (!(schema instanceof Map<?, ?> node)) {
      return Optional.empty();
    }
    if (node.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
      return Optional.of(path + ": " + describe(value) + " is not one of " + allowed);
    }
    Object type = node.get("type");
    if (type instanceof String name && !hasType(value, name)) {
      return Optional.of(path + ": expected " + name + ", found " + describe(value));
    }
    if (type instanceof List<?> names && names.stream().noneMatch(n -> hasType(value, n))) {
      return Optional.of(path + ": expected one of " + names + ", found " + describe(value));
    }
    if (value instanceof Map<?, ?> object) {
      Map<?, ?> properties =
          node.get("properties") instanceof Map<?, ?> p ? p : Map.<String, Object>of();
      if (node.get("required") instanceof List<?> required) {
        for (Object name : required) {
          if (!object.containsKey(name)) {
            return Optional.of(path + ": " + name + " is missing");
          }
        }
      }
      for (Map.Entry<?, ?> entry : object.entrySet()) {
        String child = path + "." + entry.getKey();
        if (properties.containsKey(entry.getKey())) {
          Optional<String> found = check(properties.get(entry.getKey()), entry.getValue(), child);
          if (found.isPresent()) {
            return found;
          }
        } else if (Boolean.FALSE.equals(node.get("additionalProperties"))) {
          return Optional.of(child + ": not allowed by the schema");
        }
      }
    }
    if (value instanceof List<?> array && node.containsKey("items")) {
      for (int i = 0; i < array.size(); i++) {
        Optional<String> found = check(node.get("items"), array.get(i), path + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static boolean hasType(Object value, Object type) {
    if (!(type instanceof String name)) {
      return true;
    }
    return switch (name) {
      case "object" -> value instanceof Map;
      case "array" -> value instanceof List;
      case "string" -> value instanceof String;
      case "boolean" -> value instanceof Boolean;
      case "null" -> value == null;
      case "number" -> value instanceof Number;
      case "integer" ->
          value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue());
      default -> true;
    };
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof String) {
      return "a string";
    }
    return value instanceof Boolean ? "a boolean" : "a number";
  }
}
