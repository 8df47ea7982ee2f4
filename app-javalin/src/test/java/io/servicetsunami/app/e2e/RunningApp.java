package io.servicetsunami.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicetsunami.adapters.adk.AdkSettings;
import io.servicetsunami.adapters.adk.testing.RealAdkServer;
import io.servicetsunami.adapters.persistence.DatabaseSettings;
import io.servicetsunami.adapters.temporal.TemporalSettings;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.app.wiring.AppComponent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The whole app as {@code Main} runs it, over real HTTP on a free port: embedded PostgreSQL (not
 * durable), the embedded Temporal server on a free loopback port with both workers, and the other
 * adapters as {@code adapters} says. Closed like Ctrl-C closes it.
 */
final class RunningApp implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The app's {@code SECRET_KEY}, which signs its access tokens. */
  static final String SECRET_KEY = "e".repeat(40);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Reply(int status, Map<String, List<String>> headers, JsonNode body, String text) {
    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream()
          .findFirst()
          .orElse(null);
    }
  }

  private final Path dataDir;
  private final AppComponent component;
  private final String base;

  private RunningApp(Path dataDir, AppComponent component, String base) {
    this.dataDir = dataDir;
    this.component = component;
    this.base = base;
  }

  static RunningApp start(UnaryOperator<AdapterConfig> adapters) {
    return start(Map.of(), adapters);
  }

  /** With step 3 of tasks on the shared real ADK API server and its scripted model. */
  static RunningApp startOnRealAdk() {
    RealAdkServer adk = RealAdkServer.shared();
    return start(
        adapters ->
            adapters.withAdk(Optional.of(AdkSettings.defaults(adk.url(), RealAdkServer.APP))));
  }

  /** With {@code adapterEnv} as the environment the adapters' settings are read from. */
  static RunningApp start(Map<String, String> adapterEnv, UnaryOperator<AdapterConfig> adapters) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("servicetsunami-e2e");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AppConfig config =
        AppConfig.fromEnvironment(
                Map.of("DATA_DIR", dataDir.toString(), "SECRET_KEY", SECRET_KEY, "PORT", "0"))
            .withDatabase(
                DatabaseSettings.embedded(dataDir.resolve("postgres")).withDurable(false));
    AdapterConfig adapterConfig =
        adapters.apply(
            AdapterConfig.fromEnvironment(adapterEnv, dataDir, config.defaultLlmModel())
                .withTemporal(TemporalSettings.embedded(0)));
    AppComponent component = AppComponent.create(config, adapterConfig);
    int port = component.lifecycle().start().port();
    return new RunningApp(dataDir, component, "http://127.0.0.1:" + port);
  }

  Path dataDir() {
    return dataDir;
  }

  /** The assembled app, for looking at state the API does not show. */
  AppComponent component() {
    return component;
  }

  String baseUrl() {
    return base;
  }

  /** Registers a new tenant with its first user and logs in (form-encoded, as the web client). */
  String newTenantToken(String name) {
    String email = name.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID() + "@example.com";
    Reply registered =
        send(
            "POST",
            "/api/v1/auth/register",
            null,
            Map.of(
                "email",
                email,
                "password",
                "correct horse battery",
                "full_name",
                name,
                "tenant_name",
                name + " Inc"));
    assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    Reply login =
        raw(
            "POST",
            "/api/v1/auth/login",
            null,
            "application/x-www-form-urlencoded",
            "username=" + email.replace("@", "%40") + "&password=correct+horse+battery");
    assertThat(login.status()).as(login.text()).isEqualTo(200);
    assertThat(login.body().path("token_type").asText()).isEqualTo("bearer");
    return login.body().path("access_token").asText();
  }

  Reply send(String method, String path, String token, Object body) {
    try {
      return raw(
          method,
          path,
          token,
          "application/json",
          body == null ? null : JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Reply raw(String method, String path, String token, String contentType, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", contentType);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
      JsonNode json =
          response.body().isEmpty() || !isJson
              ? JSON.missingNode()
              : JSON.readTree(response.body());
      return new Reply(response.statusCode(), response.headers().map(), json, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POSTs a multipart form: {@code fields}, then the {@code file} part with {@code content}. */
  Reply upload(
      String path,
      String token,
      String fileName,
      String contentType,
      String content,
      Map<String, String> fields) {
    String boundary = "----servicetsunami" + UUID.randomUUID();
    StringBuilder body = new StringBuilder();
    fields.forEach(
        (name, value) ->
            body.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(name)
                .append("\"\r\n\r\n")
                .append(value)
                .append("\r\n"));
    body.append("--")
        .append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
        .append(fileName)
        .append("\"\r\nContent-Type: ")
        .append(contentType)
        .append("\r\n\r\n")
        .append(content)
        .append("\r\n--")
        .append(boundary)
        .append("--\r\n");
    return raw("POST", path, token, "multipart/form-data; boundary=" + boundary, body.toString());
  }

  /** GETs {@code path} until {@code done} holds for the body, or fails after {@code timeout}. */
  JsonNode await(String path, String token, Duration timeout, Predicate<JsonNode> done) {
    Instant deadline = Instant.now().plus(timeout);
    Reply last = null;
    while (Instant.now().isBefore(deadline)) {
      last = send("GET", path, token, null);
      assertThat(last.status()).as(last.text()).isEqualTo(200);
      if (done.test(last.body())) {
        return last.body();
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(
        "GET "
            + path
            + " did not reach the expected state within "
            + timeout
            + "; last: "
            + (last == null ? "none" : last.text()));
  }

  @Override
  public void close() {
    component.lifecycle().close();
  }
}
