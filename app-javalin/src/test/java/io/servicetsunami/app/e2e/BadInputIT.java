package io.servicetsunami.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicetsunami.app.e2e.RunningApp.Reply;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input over real HTTP, walked from the app's own {@code /openapi.json} so that every
 * documented operation is covered: malformed JSON, unknown fields, a wrong type for each documented
 * property, unknown enum values, out-of-range and non-numeric query parameters, oversized bodies,
 * and missing, garbage, expired or forged tokens ({@code alg: none}, another key, HS384 with the
 * right key). File uploads ({@code multipart/form-data} bodies) get what applies to a form: no
 * file, and a declared size over the limit, refused before any of it is read. Each is a 4xx problem
 * document with a stable code (naming the field where there is one), and none changes anything the
 * tenant can see.
 */
class BadInputIT {

  private static final String UNKNOWN_FIELD = "unexpected_field";
  private static final String UNKNOWN_VALUE = "not_a_value";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

  private static RunningApp app;
  private static String token;
  private static ApiDocument document;

  private Map<String, JsonNode> before;
  private final List<String> failures = new ArrayList<>();

  @BeforeAll
  static void start() {
    app = RunningApp.start(UnaryOperator.identity());
    token = app.newTenantToken("Careful");
    Reply agent = app.send("POST", "/api/v1/agents/", token, Map.of("name", "Existing"));
    assertThat(agent.status()).as(agent.text()).isEqualTo(201);
    // A stored configuration: an unconfigured skill answers defaults stamped with the current time.
    Reply config =
        app.send("PUT", "/api/v1/skills/slack/config", token, Map.of("requires_approval", true));
    assertThat(config.status()).as(config.text()).isEqualTo(200);
    document = ApiDocument.fetch(app);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @BeforeEach
  void recordState() {
    before = state();
  }

  @Test
  void malformedJsonUnknownFieldsWrongTypesAndUnknownEnumValuesAre400sNamingTheField() {
    int checked = 0;
    for (ApiDocument.Operation operation : document.operations()) {
      if (operation.jsonBodySchema().isEmpty()) {
        continue;
      }
      JsonNode schema = operation.jsonBodySchema().get();
      ObjectNode example = RunningApp.JSON.valueToTree(operation.exampleBody().orElseThrow());
      String path = concrete(operation.path());
      String auth = operation.isPublic() ? null : token;

      expect400(
          operation,
          "malformed JSON",
          app.raw(operation.method(), path, auth, "application/json", "{\"objective\":"),
          "");

      ObjectNode unknown = example.deepCopy();
      unknown.put(UNKNOWN_FIELD, 1);
      expect400(operation, "unknown field", send(operation, path, auth, unknown), UNKNOWN_FIELD);

      for (var property : schema.path("properties").properties()) {
        JsonNode propertySchema = document.resolve(property.getValue());
        ObjectNode wrongType = example.deepCopy();
        wrongType.set(property.getKey(), wrongTypeFor(propertySchema));
        // A deprecated alias is reported under the name of the property it stands for.
        String named = propertySchema.path("deprecated").asBoolean() ? "" : property.getKey();
        expect400(
            operation,
            "wrong type for " + property.getKey(),
            send(operation, path, auth, wrongType),
            named);
        checked++;
        if (propertySchema.has("enum")) {
          ObjectNode badEnum = example.deepCopy();
          badEnum.put(property.getKey(), UNKNOWN_VALUE);
          expect400(
              operation,
              "unknown value for " + property.getKey(),
              send(operation, path, auth, badEnum),
              property.getKey());
          checked++;
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked).as("properties checked").isGreaterThanOrEqualTo(30);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void badQueryParametersAre400sNamingTheParameter() {
    int checked = 0;
    for (ApiDocument.Operation operation : document.operations()) {
      String auth = operation.isPublic() ? null : token;
      for (JsonNode parameter : operation.queryParameters()) {
        String name = parameter.path("name").asText();
        JsonNode schema = document.resolve(parameter.path("schema"));
        List<String> bad = new ArrayList<>();
        if (schema.has("enum")) {
          bad.add(UNKNOWN_VALUE);
        }
        if (schema.path("type").asText().equals("integer")) {
          bad.add("twelve");
          bad.add("1.5");
          if (schema.has("minimum")) {
            bad.add(Long.toString(schema.path("minimum").asLong() - 1));
          }
          if (schema.has("maximum")) {
            bad.add(Long.toString(schema.path("maximum").asLong() + 1));
          }
        }
        for (String value : bad) {
          String path = concrete(operation.path()) + "?" + name + "=" + value;
          expect400(
              operation,
              name + "=" + value,
              app.send(operation.method(), path, auth, operation.exampleBody().orElse(null)),
              name);
          checked++;
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked).as("query values checked").isGreaterThanOrEqualTo(10);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void oversizedBodiesAre413ProblemsForEveryOperationWithABody() {
    String oversized = "{\"padding\":\"" + "x".repeat(1_100_000) + "\"}";
    int checked = 0;
    for (ApiDocument.Operation operation : document.operations()) {
      if (operation.jsonBodySchema().isEmpty()) {
        continue;
      }
      Reply reply =
          app.raw(
              operation.method(),
              concrete(operation.path()),
              operation.isPublic() ? null : token,
              "application/json",
              oversized);
      expectProblem(operation, "oversized body", reply, 413, "payload_too_large");
      checked++;
    }
    assertThat(failures).isEmpty();
    assertThat(checked).isGreaterThanOrEqualTo(8);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void uploadsWithoutAFileAre400sAndUploadsDeclaringMoreThanAnyLimitAre413s() throws Exception {
    int checked = 0;
    for (ApiDocument.Operation operation : document.operations()) {
      if (!operation.takesUpload()) {
        continue;
      }
      String path = concrete(operation.path());
      String auth = operation.isPublic() ? null : token;
      String boundary = "----servicetsunami" + UUID.randomUUID();
      String noFile =
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nNo file\r\n--"
              + boundary
              + "--\r\n";
      expect400(
          operation,
          "form without a file",
          app.raw(
              operation.method(), path, auth, "multipart/form-data; boundary=" + boundary, noFile),
          "file");
      // Only the head is sent: the size alone must be enough to refuse it.
      expectProblem(
          operation,
          "declared 1 TiB",
          declaredOnly(operation.method(), path, auth, 1L << 40),
          413,
          "payload_too_large");
      checked += 2;
    }
    assertThat(failures).isEmpty();
    assertThat(checked).as("upload checks").isGreaterThanOrEqualTo(6);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void missingExpiredAndForgedTokensAre401ProblemsOnEveryTenantOperation() throws Exception {
    String[] parts = token.split("\\.");
    ObjectNode claims = (ObjectNode) RunningApp.JSON.readTree(B64_DECODE.decode(parts[1]));
    byte[] rightKey = RunningApp.SECRET_KEY.getBytes(StandardCharsets.UTF_8);
    byte[] otherKey = "another secret key of forty bytes, wrong".getBytes(StandardCharsets.UTF_8);
    ObjectNode expired = claims.deepCopy().put("exp", Instant.now().getEpochSecond() - 60);

    // The forger is right: the same claims signed the same way are accepted.
    String resigned = jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, "HmacSHA256", rightKey);
    assertThat(app.send("GET", "/api/v1/auth/me", resigned, null).status()).isEqualTo(200);

    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("no token", null);
    bad.put("garbage", "not.a.token");
    bad.put("alg none", jwt("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims, null, null));
    bad.put(
        "another key", jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, "HmacSHA256", otherKey));
    bad.put("HS384", jwt("{\"alg\":\"HS384\",\"typ\":\"JWT\"}", claims, "HmacSHA384", rightKey));
    bad.put("expired", jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", expired, "HmacSHA256", rightKey));
    // Claims of another tenant under the original signature.
    bad.put(
        "tampered claims",
        parts[0]
            + "."
            + B64.encodeToString(
                RunningApp.JSON.writeValueAsBytes(
                    claims.deepCopy().put("tenant_id", UUID.randomUUID().toString())))
            + "."
            + parts[2]);

    int checked = 0;
    for (ApiDocument.Operation operation : document.operations()) {
      if (operation.isPublic()) {
        continue;
      }
      for (var forged : bad.entrySet()) {
        Reply reply =
            app.send(
                operation.method(),
                concrete(operation.path()),
                forged.getValue(),
                operation.exampleBody().orElse(null));
        expectProblem(operation, forged.getKey(), reply, 401, "unauthenticated");
        if (reply.status() == 401 && !"Bearer".equals(reply.header("WWW-Authenticate"))) {
          failures.add(operation.label() + " with " + forged.getKey() + ": no WWW-Authenticate");
        }
        checked++;
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked).isGreaterThanOrEqualTo(100);
    assertThat(state()).isEqualTo(before);
  }

  /** What the tenant can see; no bad request may change any of it. */
  private static Map<String, JsonNode> state() {
    Map<String, JsonNode> state = new LinkedHashMap<>();
    for (String path :
        List.of(
            "/api/v1/auth/me",
            "/api/v1/agents/",
            "/api/v1/agent-tasks/?limit=500",
            "/api/v1/instances/",
            "/api/v1/skills/slack/config",
            "/api/v1/data-pipelines/",
            "/api/v1/datasets/")) {
      Reply reply = app.send("GET", path, token, null);
      assertThat(reply.status()).as(path + ": " + reply.text()).isEqualTo(200);
      state.put(path, reply.body());
    }
    assertThat(state.get("/api/v1/agents/").size()).isEqualTo(1);
    return state;
  }

  private static Reply send(
      ApiDocument.Operation operation, String path, String auth, JsonNode body) {
    return app.send(operation.method(), path, auth, body);
  }

  /** Path parameters filled with values that parse, so that the body is what is wrong. */
  private static String concrete(String template) {
    return template
        .replace("{name}", "slack")
        .replaceAll("\\{[^}]*}", UUID.randomUUID().toString());
  }

  /** A JSON value no property of this schema accepts. */
  private static JsonNode wrongTypeFor(JsonNode schema) {
    if (schema.path("type").asText().equals("object")) {
      return RunningApp.JSON.createArrayNode().add(1);
    }
    return RunningApp.JSON.createObjectNode().put("nested", true);
  }

  private void expect400(
      ApiDocument.Operation operation, String what, Reply reply, String namedField) {
    expectProblem(operation, what, reply, 400, "invalid_input");
    if (reply.status() == 400 && !reply.body().path("detail").asText().contains(namedField)) {
      failures.add(
          operation.label()
              + " "
              + what
              + ": detail does not name "
              + namedField
              + ": "
              + reply.text());
    }
  }

  private void expectProblem(
      ApiDocument.Operation operation, String what, Reply reply, int status, String code) {
    boolean ok =
        reply.status() == status
            && String.valueOf(reply.header("Content-Type")).startsWith("application/problem+json")
            && reply.body().path("code").asText().equals(code)
            && reply.body().path("status").asInt() == status;
    if (!ok) {
      failures.add(
          operation.label()
              + " "
              + what
              + ": expected "
              + status
              + " "
              + code
              + ", got "
              + reply.status()
              + " "
              + reply.text());
    }
  }

  /**
   * A multipart upload's head declaring {@code length} bytes, and nothing after it: the answer must
   * come from the declared size alone. Read over a plain socket, since {@code HttpClient} sets the
   * {@code Content-Length} itself.
   */
  private static Reply declaredOnly(String method, String path, String auth, long length)
      throws IOException {
    URI base = URI.create(app.baseUrl());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      String head =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: "
              + base.getAuthority()
              + "\r\n"
              + (auth == null ? "" : "Authorization: Bearer " + auth + "\r\n")
              + "Content-Type: multipart/form-data; boundary=never-sent\r\nContent-Length: "
              + length
              + "\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      String statusLine = line(in);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        int colon = header.indexOf(':');
        headers.put(
            header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            List.of(header.substring(colon + 1).strip()));
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (headers.containsKey("content-length")) {
        body.write(in.readNBytes(Integer.parseInt(headers.get("content-length").get(0))));
      } else if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
        for (int size = Integer.parseInt(line(in).strip(), 16);
            size > 0;
            size = Integer.parseInt(line(in).strip(), 16)) {
          body.write(in.readNBytes(size));
          line(in);
        }
      }
      String text = body.toString(StandardCharsets.UTF_8);
      JsonNode json =
          String.valueOf(first(headers, "content-type")).contains("json") && !text.isEmpty()
              ? RunningApp.JSON.readTree(text)
              : RunningApp.JSON.missingNode();
      return new Reply(Integer.parseInt(statusLine.split(" ")[1]), headers, json, text);
    }
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null ? null : values.get(0);
  }

  /** One CRLF-terminated line of an HTTP head, without its terminator. */
  private static String line(DataInputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c == -1) {
        throw new EOFException("the connection closed mid-line: " + line);
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private static String jwt(String header, JsonNode claims, String algorithm, byte[] key)
      throws Exception {
    String input =
        B64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(RunningApp.JSON.writeValueAsBytes(claims));
    if (algorithm == null) {
      return input + ".";
    }
    Mac mac = Mac.getInstance(algorithm);
    mac.init(new SecretKeySpec(key, algorithm));
    return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }
}
