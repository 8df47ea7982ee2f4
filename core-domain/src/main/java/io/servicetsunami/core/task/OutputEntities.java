package io.servicetsunami.core.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knowledge-graph entities an agent reported in its output: the {@code entities} array, each
 * item {@code {name, type, attributes?, confidence?}}. Items without a name or a type, or that are
 * not objects, are skipped and counted. A missing confidence counts as {@value
 * #DEFAULT_CONFIDENCE}; one outside [0, 1] is clamped into it.
 *
 * @param found the usable entities, in output order
 * @param skipped how many items could not be used
 */
record OutputEntities(List<Found> found, int skipped) {

  static final String FIELD = "entities";
  static final double DEFAULT_CONFIDENCE = 0.5;

  OutputEntities {
    found = List.copyOf(found);
  }

  /** One usable entity of the output. */
  record Found(String name, String type, Map<String, Object> attributes, double confidence) {}

  static OutputEntities of(Map<String, Object> output) {
    if (!(output.get(FIELD) instanceof List<?> items)) {
      return new OutputEntities(List.of(), output.containsKey(FIELD) ? 1 : 0);
    }
    List<Found> found = new ArrayList<>();
    int skipped = 0;
    for (Object item : items) {
      if (item instanceof Map<?, ?> entity
          && entity.get("name") instanceof String name
          && !name.isBlank()
          && entity.get("type") instanceof String type
          && !type.isBlank()) {
        found.add(
            new Found(
                name.strip(),
                type.strip(),
                attributes(entity.get("attributes")),
                confidence(entity.get("confidence"))));
      } else {
        skipped++;
      }
    }
    return new OutputEntities(found, skipped);
  }

  private static Map<String, Object> attributes(Object value) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> attributes.put(String.valueOf(key), item));
    }
    return attributes;
  }

  private static double confidence(Object value) {
    if (value instanceof Number number && !Double.isNaN(number.doubleValue())) {
      return Math.max(0.0, Math.min(1.0, number.doubleValue()));
    }
    return DEFAULT_CONFIDENCE;
  }
}
