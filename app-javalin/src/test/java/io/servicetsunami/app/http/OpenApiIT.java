package io.servicetsunami.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.servicetsunami.adapters.persistence.DatabaseSettings;
import io.servicetsunami.adapters.temporal.TemporalSettings;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.app.wiring.AppComponent;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.json} of the assembled app (every route group Dagger binds, embedded
 * PostgreSQL and Temporal): complete — every route the running server registered is documented and
 * every documented operation is registered, so a route added without its documentation fails the
 * build — and valid for a real OpenAPI 3 parser.
 */
class OpenApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static AppComponent component;
  private static Javalin server;
  private static HttpResponse<String> served;

  @BeforeAll
  static void start() throws Exception {
    Path dataDir = Files.createTempDirectory("servicetsunami-openapi-it");
    AppConfig config =
        AppConfig.fromEnvironment(
                Map.of("DATA_DIR", dataDir.toString(), "SECRET_KEY", "o".repeat(40), "PORT", "0"))
            .withDatabase(
                DatabaseSettings.embedded(dataDir.resolve("postgres")).withDurable(false));
    AdapterConfig adapters =
        AdapterConfig.fromEnvironment(Map.of(), dataDir, config.defaultLlmModel())
            .withTemporal(TemporalSettings.embedded(0));
    component = AppComponent.create(config, adapters);
    server = component.lifecycle().start();
    served =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/openapi.json"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
  }

  @AfterAll
  static void stop() {
    if (component != null) {
      component.lifecycle().close();
    }
  }

  @Test
  void theDocumentIsServedWithoutATokenAsJson() {
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
  }

  @Test
  void everyRegisteredRouteIsDocumentedAndEveryDocumentedOperationIsRegistered() throws Exception {
    Set<String> registered = new TreeSet<>();
    server.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .forEach(endpoint -> registered.add(endpoint.method.name() + " " + endpoint.path));
    assertThat(registered).as("routes of the running server").contains("GET /api/v1/agents/{id}");

    Set<String> documented = new TreeSet<>();
    JsonNode paths = JSON.readTree(served.body()).path("paths");
    paths
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          // Path items also hold "parameters", "summary", …: only methods.
                          if (METHODS.contains(method)) {
                            documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));

    Set<String> undocumented = new TreeSet<>(registered);
    undocumented.removeAll(documented);
    Set<String> unregistered = new TreeSet<>(documented);
    unregistered.removeAll(registered);
    assertThat(undocumented)
        .as(
            "routes with no operation in /openapi.json: document them in the route group's"
                + " <GroupClass>.openapi.json beside it")
        .isEmpty();
    assertThat(unregistered).as("documented operations the server does not have").isEmpty();
  }

  @Test
  void theServedDocumentIsValidOpenApi3() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(served.body(), null, options);

    assertThat(result.getMessages()).as("parser messages").isEmpty();
    assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
    assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("bearer");
  }
}
