package io.servicetsunami.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The API's OpenAPI 3 document, assembled from parts that live beside the code they describe: the
 * common part ({@code OpenApi.json}: info, bearer security, the problem schema and the shared error
 * responses) and one part per {@link RouteGroup}, the resource {@code <GroupClass>.openapi.json} in
 * the group's package, with its {@code paths} and its {@code components}. A new route group brings
 * its own part; a group without one documents nothing, and the completeness test names its routes.
 */
public final class OpenApiDocument {

  static final String COMMON = "OpenApi.json";

  private OpenApiDocument() {}

  /** The resource that documents {@code group}'s routes. */
  static String partName(Class<?> group) {
    return group.getSimpleName() + ".openapi.json";
  }

  /**
   * The document for the given route groups.
   *
   * @throws IllegalStateException if two parts define the same operation, or the same component
   *     differently
   */
  public static ObjectNode assemble(ObjectMapper mapper, List<Class<?>> groups) {
    ObjectNode document = (ObjectNode) read(mapper, OpenApiDocument.class, COMMON);
    for (Class<?> group : groups) {
      if (group.getResource(partName(group)) != null) {
        merge(document, read(mapper, group, partName(group)), group.getSimpleName());
      }
    }
    return document;
  }

  private static void merge(ObjectNode document, JsonNode part, String source) {
    ObjectNode paths = document.withObjectProperty("paths");
    for (Map.Entry<String, JsonNode> path : fields(part.path("paths"))) {
      ObjectNode target = paths.withObjectProperty(path.getKey());
      for (Map.Entry<String, JsonNode> item : fields(path.getValue())) {
        JsonNode existing = target.get(item.getKey());
        if (existing != null && !existing.equals(item.getValue())) {
          throw new IllegalStateException(
              source + " documents " + item.getKey() + " " + path.getKey() + " a second time");
        }
        target.set(item.getKey(), item.getValue());
      }
    }
    ObjectNode components = document.withObjectProperty("components");
    for (Map.Entry<String, JsonNode> kind : fields(part.path("components"))) {
      ObjectNode target = components.withObjectProperty(kind.getKey());
      for (Map.Entry<String, JsonNode> component : fields(kind.getValue())) {
        JsonNode existing = target.get(component.getKey());
        // The same component in two parts is fine as long as they agree.
        if (existing != null && !existing.equals(component.getValue())) {
          throw new IllegalStateException(
              source
                  + " defines components."
                  + kind.getKey()
                  + "."
                  + component.getKey()
                  + " differently from another part");
        }
        target.set(component.getKey(), component.getValue());
      }
    }
  }

  private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    return node.properties();
  }

  private static JsonNode read(ObjectMapper mapper, Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " beside " + owner.getName());
      }
      return mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
