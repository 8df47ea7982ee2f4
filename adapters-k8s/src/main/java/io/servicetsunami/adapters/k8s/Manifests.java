package io.servicetsunami.adapters.k8s;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.JSON;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Objects as JSON trees, the way they go over the wire. The client's models start every list and
 * map empty, and an empty {@code finalizers: []} or {@code tolerations: []} in an apply or a merge
 * means "make this empty" — so what we send leaves out every empty list and object.
 */
final class Manifests {

  private Manifests() {}

  /** The object as JSON without empty lists and objects. */
  static JsonObject tree(KubernetesObject object) {
    JsonElement tree = JSON.getGson().toJsonTree(object);
    prune(tree);
    return tree.getAsJsonObject();
  }

  static String text(JsonElement tree) {
    return JSON.getGson().toJson(tree);
  }

  static JsonObject parse(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  /**
   * {@code target} with {@code patch} merged in by RFC 7386 (JSON merge patch): objects merge key
   * by key, anything else — lists included — is replaced, {@code null} removes. Returns a new tree.
   */
  static JsonObject merge(JsonObject target, JsonObject patch) {
    JsonObject merged = target.deepCopy();
    for (Map.Entry<String, JsonElement> entry : patch.entrySet()) {
      JsonElement value = entry.getValue();
      JsonElement current = merged.get(entry.getKey());
      if (value.isJsonNull()) {
        merged.remove(entry.getKey());
      } else if (value.isJsonObject() && current != null && current.isJsonObject()) {
        merged.add(entry.getKey(), merge(current.getAsJsonObject(), value.getAsJsonObject()));
      } else {
        merged.add(entry.getKey(), value.deepCopy());
      }
    }
    return merged;
  }

  /** The labels in an object's metadata, empty when it has none. */
  static Map<String, String> labels(JsonObject object) {
    JsonObject metadata = object.getAsJsonObject("metadata");
    if (metadata == null || !metadata.has("labels") || !metadata.get("labels").isJsonObject()) {
      return Map.of();
    }
    Map<String, String> labels = new java.util.TreeMap<>();
    for (Map.Entry<String, JsonElement> entry : metadata.getAsJsonObject("labels").entrySet()) {
      if (entry.getValue().isJsonPrimitive()) {
        labels.put(entry.getKey(), entry.getValue().getAsString());
      }
    }
    return labels;
  }

  /** Removes empty lists and objects, depth first; returns whether {@code element} is empty. */
  private static boolean prune(JsonElement element) {
    if (element.isJsonObject()) {
      JsonObject object = element.getAsJsonObject();
      List<String> empty = new ArrayList<>();
      for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
        if (entry.getValue().isJsonNull() || prune(entry.getValue())) {
          empty.add(entry.getKey());
        }
      }
      empty.forEach(object::remove);
      return object.size() == 0;
    }
    if (element.isJsonArray()) {
      JsonArray array = element.getAsJsonArray();
      for (JsonElement item : array) {
        prune(item);
      }
      return array.size() == 0;
    }
    return false;
  }
}
