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
import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The assembled app over real HTTP on a random port, against the embedded PostgreSQL (one server
 * for the whole class).
 */
class HttpApiIT {

  private static AppComponent component;
  private static Javalin server;
  private static String base;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  record Reply(int status, Map<String, java.util.List<String>> headers, JsonNode body) {
    String header(String name) {
      return headers
          .getOrDefault(name.toLowerCase(java.util.Locale.ROOT), java.util.List.of())
          .stream()
          .findFirst()
          .orElse(null);
    }
  }

  @BeforeAll
  static void start() throws IOException {
    Path dataDir = Files.createTempDirectory("servicetsunami-app-it");
    AppConfig config =
        AppConfig.fromEnvironment(
                Map.of("DATA_DIR", dataDir.toString(), "SECRET_KEY", "s".repeat(40), "PORT", "0"))
            .withDatabase(
                DatabaseSettings.embedded(dataDir.resolve("postgres")).withDurable(false));
    AdapterConfig adapters =
        AdapterConfig.fromEnvironment(Map.of(), dataDir, config.defaultLlmModel())
            .withTemporal(TemporalSettings.embedded(0));
    component = AppComponent.create(config, adapters);
    server = component.lifecycle().start();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    if (component != null) {
      component.lifecycle().close();
    }
  }

  @Test
  void registerThenLoginThenMe() throws Exception {
    String email = unique("ada") + "@example.com";
    Reply registered =
        send(
            "POST",
            "/api/v1/auth/register",
            null,
            "{\"email\":\""
                + email
                + "\",\"password\":\"password123\",\"full_name\":\"Ada L\",\"tenant_name\":\"Acme\"}");
    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.body().path("email").asText()).isEqualTo(email);
    assertThat(registered.body().has("password_hash")).isFalse();

    Reply json =
        send(
            "POST",
            "/api/v1/auth/login",
            null,
            "{\"email\":\"" + email + "\",\"password\":\"password123\"}");
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.body().path("token_type").asText()).isEqualTo("bearer");
    assertThat(json.body().path("expires_in").asLong()).isEqualTo(1800);

    HttpResponse<String> form =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=" + email.replace("@", "%40") + "&password=password123"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(form.statusCode()).isEqualTo(200);
    String token = JSON.readTree(form.body()).path("access_token").asText();

    Reply me = send("GET", "/api/v1/auth/me", token, null);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().path("email").asText()).isEqualTo(email);
    assertThat(me.body().path("full_name").asText()).isEqualTo("Ada L");
    assertThat(me.body().path("tenant").path("name").asText()).isEqualTo("Acme");
    assertThat(me.body().path("tenant_id").asText())
        .isEqualTo(registered.body().path("tenant_id").asText());
  }

  @Test
  void aWrongPasswordIsA401ProblemLikeAnUnknownUser() throws Exception {
    String token = tokenForNewTenant();
    assertThat(token).isNotBlank();
    Reply unknown =
        send(
            "POST",
            "/api/v1/auth/login",
            null,
            "{\"email\":\"nobody-" + unique("x") + "@example.com\",\"password\":\"password123\"}");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    assertThat(unknown.body().path("code").asText()).isEqualTo("invalid_credentials");
  }

  @Test
  void agentsCrud() throws Exception {
    String token = tokenForNewTenant();
    Reply created =
        send(
            "POST",
            "/api/v1/agents/",
            token,
            "{\"name\":\"Analyst\",\"description\":\"reads data\",\"capabilities\":[\"sql\"],"
                + "\"llm_model\":\"gpt-x\"}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().path("id").asText();
    assertThat(created.body().path("llm_model").asText()).isEqualTo("gpt-x");
    assertThat(created.body().path("capabilities").get(0).asText()).isEqualTo("sql");

    Reply list = send("GET", "/api/v1/agents/", token, null);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).hasSize(1);

    Reply got = send("GET", "/api/v1/agents/" + id, token, null);
    assertThat(got.body().path("name").asText()).isEqualTo("Analyst");

    Reply updated =
        send(
            "PUT",
            "/api/v1/agents/" + id,
            token,
            "{\"name\":\"Analyst 2\",\"capabilities\":[\"sql\",\"charts\"]}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.body().path("name").asText()).isEqualTo("Analyst 2");
    assertThat(updated.body().path("capabilities")).hasSize(2);
    assertThat(updated.body().path("llm_model").isNull()).isTrue();

    assertThat(send("DELETE", "/api/v1/agents/" + id, token, null).status()).isEqualTo(204);
    Reply gone = send("GET", "/api/v1/agents/" + id, token, null);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body().path("code").asText()).isEqualTo("agent_not_found");
  }

  @Test
  void tenantBCannotSeeOrChangeTenantAsAgent() throws Exception {
    String a = tokenForNewTenant();
    String b = tokenForNewTenant();
    String id =
        send("POST", "/api/v1/agents/", a, "{\"name\":\"Secret agent\"}")
            .body()
            .path("id")
            .asText();

    for (Reply reply :
        new Reply[] {
          send("GET", "/api/v1/agents/" + id, b, null),
          send("PUT", "/api/v1/agents/" + id, b, "{\"name\":\"taken\"}"),
          send("DELETE", "/api/v1/agents/" + id, b, null)
        }) {
      assertThat(reply.status()).isEqualTo(404);
      assertThat(reply.body().path("code").asText()).isEqualTo("agent_not_found");
    }
    assertThat(send("GET", "/api/v1/agents/", b, null).body()).isEmpty();
    assertThat(send("GET", "/api/v1/agents/" + id, a, null).body().path("name").asText())
        .isEqualTo("Secret agent");
  }

  @Test
  void aMissingOrBadTokenIsA401Problem() throws Exception {
    String token = tokenForNewTenant();
    for (String bad :
        new String[] {null, "garbage", token.substring(0, token.length() - 2) + "xx"}) {
      Reply reply = send("GET", "/api/v1/agents/", bad, null);
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(reply.body().path("code").asText()).isEqualTo("unauthenticated");
    }
  }

  @Test
  void badJsonIsA400ProblemNamingTheField() throws Exception {
    String token = tokenForNewTenant();
    Reply malformed = send("POST", "/api/v1/agents/", token, "{\"name\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
    assertThat(malformed.body().path("code").asText()).isEqualTo("invalid_input");

    Reply unknownField = send("POST", "/api/v1/agents/", token, "{\"name\":\"a\",\"colour\":1}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.body().path("detail").asText()).contains("colour");

    Reply wrongType =
        send("POST", "/api/v1/agents/", token, "{\"name\":\"a\",\"capabilities\":{}}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body().path("detail").asText()).contains("capabilities");

    assertThat(send("GET", "/api/v1/agents/", token, null).body()).isEmpty();
  }

  @Test
  void healthAndReadinessNeedNoTokenAndReportTheParts() throws Exception {
    Reply health = send("GET", "/health", null, null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().path("status").asText()).isEqualTo("ok");

    Reply ready = send("GET", "/ready", null, null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body().path("status").asText()).isEqualTo("ready");
    assertThat(ready.body().path("checks").path("database").asText()).isEqualTo("ok");
    assertThat(ready.body().path("checks").path("workers").asText()).isEqualTo("ok");
  }

  @Test
  void theSkillRegistryListsOverFiftySkillsWithTheirCredentialFields() throws Exception {
    Reply skills = send("GET", "/api/v1/skills/", tokenForNewTenant(), null);

    assertThat(skills.status()).isEqualTo(200);
    assertThat(skills.body().size()).isGreaterThanOrEqualTo(50);
    JsonNode slack = null;
    for (JsonNode skill : skills.body()) {
      if (skill.path("name").asText().equals("slack")) {
        slack = skill;
      }
    }
    assertThat(slack).isNotNull();
    assertThat(slack.path("kind").asText()).isEqualTo("tool_dispatch");
    assertThat(slack.path("credential_fields").get(0).path("key").asText()).isEqualTo("bot_token");
    assertThat(slack.path("credential_fields").get(0).path("required").asBoolean()).isTrue();
  }

  @Test
  void skillCredentialsAreWriteOnlyAndStayWithTheirTenant() throws Exception {
    String token = tokenForNewTenant();
    Reply saved =
        send(
            "PUT",
            "/api/v1/skills/github/config",
            token,
            "{\"enabled\":true,\"requires_approval\":true,\"llm_model\":\"gpt-4o\","
                + "\"credentials\":{\"token\":\"ghp-very-secret\"}}");
    assertThat(saved.status()).as(saved.body().toString()).isEqualTo(200);
    assertThat(saved.body().toString()).doesNotContain("ghp-very-secret");
    assertThat(saved.body().path("credential_keys").get(0).asText()).isEqualTo("token");
    assertThat(saved.body().path("requires_approval").asBoolean()).isTrue();
    assertThat(saved.body().path("llm_model").asText()).isEqualTo("gpt-4o");

    Reply read = send("GET", "/api/v1/skills/github/config", token, null);
    assertThat(read.body().toString()).doesNotContain("ghp-very-secret");
    assertThat(read.body().path("enabled").asBoolean()).isTrue();

    Reply other = send("GET", "/api/v1/skills/github/config", tokenForNewTenant(), null);
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.body().path("enabled").asBoolean()).isFalse();
    assertThat(other.body().path("credential_keys")).isEmpty();
  }

  @Test
  void badSkillRequestsAreProblemsWithStableCodes() throws Exception {
    String token = tokenForNewTenant();
    Reply unknownSkill = send("GET", "/api/v1/skills/no_such_skill/config", token, null);
    assertThat(unknownSkill.status()).isEqualTo(404);
    assertThat(unknownSkill.body().path("code").asText()).isEqualTo("skill_not_found");

    Reply unknownField =
        send("PUT", "/api/v1/skills/github/config", token, "{\"enabled\":true,\"colour\":1}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.body().path("detail").asText()).contains("colour");

    Reply wrongType = send("PUT", "/api/v1/skills/github/config", token, "{\"enabled\":\"maybe\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body().path("detail").asText()).contains("enabled");

    Reply noSkillName = send("POST", "/api/v1/skills/execute", token, "{\"input\":{}}");
    assertThat(noSkillName.status()).isEqualTo(400);
    assertThat(noSkillName.body().path("detail").asText()).contains("skill_name");

    Reply noInstance = send("POST", "/api/v1/skills/execute", token, "{\"skill_name\":\"github\"}");
    assertThat(noInstance.status()).isEqualTo(404);
    assertThat(noInstance.body().path("code").asText()).isEqualTo("instance_not_found");

    Reply noInstanceHealth = send("GET", "/api/v1/skills/health", token, null);
    assertThat(noInstanceHealth.status()).isEqualTo(404);
    assertThat(noInstanceHealth.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void badInstanceRequestsAreProblemsAndChangeNothing() throws Exception {
    String token = tokenForNewTenant();
    Reply badVersion =
        send("POST", "/api/v1/instances/", token, "{\"version\":\"latest; rm -rf /\"}");
    assertThat(badVersion.status()).isEqualTo(400);
    Reply unknownField = send("POST", "/api/v1/instances/", token, "{\"replicas\":3}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.body().path("detail").asText()).contains("replicas");
    Reply unknownId =
        send("POST", "/api/v1/instances/" + UUID.randomUUID() + "/restart", token, null);
    assertThat(unknownId.status()).isEqualTo(404);
    assertThat(unknownId.body().path("code").asText()).isEqualTo("instance_not_found");
    assertThat(send("GET", "/api/v1/instances/not-a-uuid/logs", token, null).status())
        .isEqualTo(404);

    assertThat(send("GET", "/api/v1/instances/", token, null).body()).isEmpty();
  }

  @Test
  void theCredentialCipherIsWired() {
    TenantId tenant = new TenantId(UUID.randomUUID());
    EncryptedSecret sealed = component.credentialCipher().encrypt(tenant, Secret.of("tok"));
    assertThat(component.credentialCipher().decrypt(tenant, sealed).reveal()).isEqualTo("tok");
  }

  private String tokenForNewTenant() throws Exception {
    String email = unique("user") + "@example.com";
    Reply registered =
        send(
            "POST",
            "/api/v1/auth/register",
            null,
            "{\"email\":\""
                + email
                + "\",\"password\":\"password123\",\"full_name\":\"U\",\"tenant_name\":\""
                + unique("t")
                + "\"}");
    assertThat(registered.status()).isEqualTo(201);
    Reply login =
        send(
            "POST",
            "/api/v1/auth/login",
            null,
            "{\"email\":\"" + email + "\",\"password\":\"password123\"}");
    assertThat(login.status()).isEqualTo(200);
    return login.body().path("access_token").asText();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Reply send(String method, String path, String token, String json)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    return new Reply(response.statusCode(), response.headers().map(), body);
  }
}
