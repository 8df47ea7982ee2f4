package io.servicetsunami.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The app's served {@code /openapi.json}, read as the tests that walk it need it: the operations,
 * their JSON request bodies with the documented example, their query parameters, references
 * resolved.
 */
final class ApiDocument {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  /** One documented operation. */
  record Operation(String method, String path, JsonNode node, ApiDocument document) {

    String label() {
      return method + " " + path;
    }

    /** Documented with {@code security: []}: no token needed. */
    boolean isPublic() {
      return node.has("security") && node.path("security").isEmpty();
    }

    /** The schema of its JSON body, resolved, if it takes one. */
    Optional<JsonNode> jsonBodySchema() {
      JsonNode media = jsonBody();
      return media.isMissingNode()
          ? Optional.empty()
          : Optional.of(document.resolve(media.path("schema")));
    }

    /** The documented example of its JSON body; fails when a body is documented without one. */
    Optional<Object> exampleBody() {
      JsonNode media = jsonBody();
      if (media.isMissingNode()) {
        return Optional.empty();
      }
      assertThat(media.has("example"))
          .as(label() + ": a documented JSON request body needs an example")
          .isTrue();
      return Optional.of(RunningApp.JSON.convertValue(media.path("example"), Object.class));
    }

    /** Takes a file: its request body is a {@code multipart/form-data} form. */
    boolean takesUpload() {
      return document.resolve(node.path("requestBody")).path("content").has("multipart/form-data");
    }

    /** Its query parameters, resolved. */
    List<JsonNode> queryParameters() {
      List<JsonNode> parameters = new ArrayList<>();
      node.path("parameters")
          .forEach(
              p -> {
                JsonNode resolved = document.resolve(p);
                if (resolved.path("in").asText().equals("query")) {
                  parameters.add(resolved);
                }
              });
      return parameters;
    }

    private JsonNode jsonBody() {
      return document.resolve(node.path("requestBody")).path("content").path("application/json");
    }
  }

  private final JsonNode root;

  private ApiDocument(JsonNode root) {
    this.root = root;
  }

  static ApiDocument fetch(RunningApp app) {
    RunningApp.Reply reply = app.send("GET", "/openapi.json", null, null);
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return new ApiDocument(reply.body());
  }

  List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> item : path.getValue().properties()) {
        if (METHODS.contains(item.getKey())) {
          operations.add(
              new Operation(
                  item.getKey().toUpperCase(Locale.ROOT), path.getKey(), item.getValue(), this));
        }
      }
    }
    return operations;
  }

  /** Follows a local {@code $ref} (repeatedly); any other node is returned as it is. */
  JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      current = root.at(current.path("$ref").asText().substring(1));
    }
    return current;
  }
}
