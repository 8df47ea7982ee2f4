package io.servicetsunami.ports.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON documents crossing the boundary are plain JDK trees: {@code Map<String, Object>} whose
 * values are {@code null}, {@link String}, {@link Number}, {@link Boolean}, {@link List} or {@link
 * Map}. This helper makes deep, unmodifiable copies of such trees (JSON nulls allowed, unlike
 * {@link Map#copyOf}) and rejects anything that is not JSON.
 */
public final class Json {

  private Json() {}

  /** An unmodifiable deep copy of a JSON object; {@code null} becomes an empty object. */
  public static Map<String, Object> copyOf(Map<String, ?> object) {
    if (object == null) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    object.forEach(
        (key, value) -> {
          if (key == null) {
            throw new IllegalArgumentException("JSON object key is null");
          }
          copy.put(key, copyValue(value));
        });
    return Collections.unmodifiableMap(copy);
  }

  private static Object copyValue(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> nested = new LinkedHashMap<>();
      map.forEach(
          (key, item) -> {
            if (!(key instanceof String name)) {
              throw new IllegalArgumentException("JSON object key is not a string: " + key);
            }
            nested.put(name, item);
          });
      return copyOf(nested);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(copyValue(item)));
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
  }
}
