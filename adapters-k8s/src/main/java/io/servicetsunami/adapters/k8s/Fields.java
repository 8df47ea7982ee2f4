package io.servicetsunami.adapters.k8s;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads fields of objects as the API server sent them. The client's generated models refuse any
 * field they do not know, so what is read every few seconds from a cluster that may be newer than
 * the client is read from the JSON, taking only what is needed.
 */
final class Fields {

  private Fields() {}

  /** The text at {@code path}, or {@code null}. */
  static String text(JsonObject root, String... path) {
    JsonElement element = at(root, path);
    return element != null && element.isJsonPrimitive() ? element.getAsString() : null;
  }

  /** The number at {@code path}, or {@code fallback}. */
  static long number(JsonObject root, long fallback, String... path) {
    JsonElement element = at(root, path);
    return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber()
        ? element.getAsLong()
        : fallback;
  }

  static boolean present(JsonObject root, String... path) {
    JsonElement element = at(root, path);
    return element != null && !element.isJsonNull();
  }

  /** The objects in the list at {@code path}; empty when there is none. */
  static List<JsonObject> objects(JsonObject root, String... path) {
    JsonElement element = at(root, path);
    List<JsonObject> objects = new ArrayList<>();
    if (element != null && element.isJsonArray()) {
      JsonArray array = element.getAsJsonArray();
      for (JsonElement item : array) {
        if (item.isJsonObject()) {
          objects.add(item.getAsJsonObject());
        }
      }
    }
    return objects;
  }

  /** The string map at {@code path} (labels, annotations); empty when there is none. */
  static Map<String, String> map(JsonObject root, String... path) {
    JsonElement element = at(root, path);
    Map<String, String> map = new TreeMap<>();
    if (element != null && element.isJsonObject()) {
      for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
        if (entry.getValue().isJsonPrimitive()) {
          map.put(entry.getKey(), entry.getValue().getAsString());
        }
      }
    }
    return map;
  }

  private static JsonElement at(JsonObject root, String... path) {
    JsonElement current = root;
    for (String key : path) {
      if (current == null || !current.isJsonObject()) {
        return null;
      }
      current = current.getAsJsonObject().get(key);
    }
    return current == null || current.isJsonNull() ? null : current;
  }
}
