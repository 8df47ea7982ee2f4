package io.servicetsunami.adapters.openclaw;

import static io.servicetsunami.adapters.openclaw.GatewayFixtures.endpoint;
import static io.servicetsunami.adapters.openclaw.GatewayFixtures.fastSettings;
import static io.servicetsunami.adapters.openclaw.GatewayFixtures.invocation;
import static io.servicetsunami.adapters.openclaw.testing.ScriptedGateway.chatFinal;
import static io.servicetsunami.adapters.openclaw.testing.ScriptedGateway.obj;
import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.adapters.openclaw.testing.ScriptedGateway;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillKind;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.SkillGateway.Device;
import io.servicetsunami.ports.out.SkillGateway.DeviceAccepted;
import io.servicetsunami.ports.out.SkillGateway.DeviceHandshake;
import io.servicetsunami.ports.out.SkillGateway.GatewayHealth;
import io.servicetsunami.ports.out.SkillGateway.PairingRequired;
import io.servicetsunami.ports.out.SkillGateway.SkillFailed;
import io.servicetsunami.ports.out.SkillGateway.SkillResult;
import io.servicetsunami.ports.out.SkillGateway.Succeeded;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter against a scripted loopback gateway: protocol, multiplexing and every fault. */
class OpenClawSkillGatewayTest {

  private static final String TOKEN = "scripted-token-0123456789";

  @TempDir Path keys;

  private ScriptedGateway server;
  private OpenClawSkillGateway gateway;
  private GatewayEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedGateway(TOKEN);
    gateway = new OpenClawSkillGateway(fastSettings(keys));
    endpoint = endpoint(server.url(), TOKEN);
  }

  @AfterEach
  void stop() {
    gateway.close();
    server.close();
  }

  // ---- handshake -------------------------------------------------------------------------------

  @Test
  void handshakeAnswersTheChallengeWithASignedProtocol4Connect() {
    gateway.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of("text", "hi")));

    JsonNode connect = server.openConnections().get(0).connectParams();
    assertThat(connect.path("minProtocol").asInt()).isEqualTo(4);
    assertThat(connect.path("maxProtocol").asInt()).isEqualTo(4);
    assertThat(connect.path("client").path("id").asText()).isEqualTo("gateway-client");
    assertThat(connect.path("client").path("mode").asText()).isEqualTo("backend");
    assertThat(connect.path("role").asText()).isEqualTo("operator");
    assertThat(connect.path("scopes").toString()).contains("operator.read", "operator.write");
    assertThat(connect.path("auth").path("token").asText()).isEqualTo(TOKEN);
    assertThat(connect.path("auth").has("deviceToken")).isFalse();
    // the scripted gateway verified the v3 signature, the device id and the nonce
    assertThat(connect.path("device").path("signature").asText()).isNotBlank();
    assertThat(gateway.stats(endpoint.instanceId()).connects()).isEqualTo(1);
  }

  @Test
  void usesTheEndpointsTokenAndItsDeviceTokenWhenPresent() {
    GatewayEndpoint paired =
        new GatewayEndpoint(
            endpoint.instanceId(),
            server.url(),
            Secret.of(TOKEN),
            Optional.of(Secret.of("dev-tok")));

    gateway.execute(paired, invocation("echo", SkillKind.TOOL, Map.of()));

    JsonNode auth = server.openConnections().get(0).connectParams().path("auth");
    assertThat(auth.path("token").asText()).isEqualTo(TOKEN);
    assertThat(auth.path("deviceToken").asText()).isEqualTo("dev-tok");
  }

  @Test
  void deviceIdStaysTheSameAcrossRestartsOfTheControlPlane() {
    gateway.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of()));
    String first =
        server.openConnections().get(0).connectParams().path("device").path("id").asText();
    gateway.close();
    server.killConnections();

    gateway = new OpenClawSkillGateway(fastSettings(keys));
    gateway.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of()));

    String second =
        server.openConnections().get(0).connectParams().path("device").path("id").asText();
    assertThat(second).isEqualTo(first);
  }

  // ---- device pairing --------------------------------------------------------------------------

  @Test
  void connectingAnUnknownDeviceReportsItsPairingRequestInsteadOfFailing() {
    server.script(
        request -> {
          if (!request.method().equals("connect")) {
            return false;
          }
          var details =
              obj()
                  .put("code", "PAIRING_REQUIRED")
                  .put("reason", "not-paired")
                  .put("requestId", "144e49c2-a326-4394-9f04-9e0ea785404d")
                  .put("deviceId", request.params().path("device").path("id").asText());
          request
              .connection()
              .respondError(
                  request.id(),
                  "NOT_PAIRED",
                  "pairing required: device is not approved yet",
                  details);
          request.connection().close(1008, "pairing required");
          return true;
        });

    DeviceHandshake handshake = gateway.connectDevice(endpoint);

    assertThat(handshake).isInstanceOf(PairingRequired.class);
    assertThat(((PairingRequired) handshake).requestId())
        .isEqualTo("144e49c2-a326-4394-9f04-9e0ea785404d");
    JsonNode sent = server.requests("connect").get(0).params().path("device");
    assertThat(handshake.device())
        .isEqualTo(new Device(sent.path("id").asText(), sent.path("publicKey").asText()));
    // One handshake of its own: nothing is pooled, nothing is held against the instance.
    assertThat(gateway.stats(endpoint.instanceId()).connectAttempts()).isZero();
  }

  @Test
  void connectingAPairedDeviceReportsItsScopesAndTheIssuedDeviceToken() {
    server.script(
        request -> {
          if (!request.method().equals("connect")) {
            return false;
          }
          var hello = obj().put("type", "hello-ok").put("protocol", 4);
          var auth = hello.putObject("auth").put("method", "token").put("role", "operator");
          auth.putArray("scopes").add("operator.read").add("operator.write");
          auth.put("deviceToken", "J9Z9HquH-issued");
          hello.putObject("policy").put("maxPayload", 1_000_000).put("tickIntervalMs", 30_000);
          request.connection().respond(request.id(), hello);
          return true;
        });

    DeviceHandshake handshake = gateway.connectDevice(endpoint);

    assertThat(handshake).isInstanceOf(DeviceAccepted.class);
    DeviceAccepted accepted = (DeviceAccepted) handshake;
    assertThat(accepted.scopes()).containsExactly("operator.read", "operator.write");
    assertThat(accepted.deviceToken()).contains(Secret.of("J9Z9HquH-issued"));
    // The pairing handshake leaves no socket behind.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!server.openConnections().isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(server.openConnections()).isEmpty();
  }

  @Test
  void connectingTheDeviceWithAnInvalidSignatureIsAPermanentAuthFailure() {
    server.script(
        request -> {
          if (!request.method().equals("connect")) {
            return false;
          }
          request
              .connection()
              .respondError(
                  request.id(),
                  "INVALID_REQUEST",
                  "device signature invalid",
                  obj().put("code", "DEVICE_AUTH_SIGNATURE_INVALID"));
          request.connection().close(1008, "device signature invalid");
          return true;
        });

    assertPortError(
        PermanentException.class,
        ErrorCode.GATEWAY_AUTH_FAILED,
        () -> gateway.connectDevice(endpoint));
  }

  // ---- running skills --------------------------------------------------------------------------

  @Test
  void toolRunsThroughToolsInvokeWithTheIdempotencyKey() {
    var call = invocation("echo", SkillKind.TOOL, Map.of("text", "ping"));

    SkillResult result = gateway.execute(endpoint, call);

    assertThat(result).isInstanceOf(Succeeded.class);
    assertThat(((Succeeded) result).output()).containsEntry("text", "{\"text\":\"ping\"}");
    JsonNode params = server.requests("tools.invoke").get(0).params();
    assertThat(params.path("name").asText()).isEqualTo("echo");
    assertThat(params.path("args").path("text").asText()).isEqualTo("ping");
    assertThat(params.path("idempotencyKey").asText()).isEqualTo(call.idempotencyKey());
  }

  @Test
  void toolDispatchSkillCompletesWithTheChatEventOfItsRun() {
    var call = invocation("tenant_echo", SkillKind.TOOL_DISPATCH, Map.of("text", "hello"));

    SkillResult result = gateway.execute(endpoint, call);

    JsonNode params = server.requests("chat.send").get(0).params();
    assertThat(params.path("message").asText()).isEqualTo("/tenant_echo {\"text\":\"hello\"}");
    assertThat(params.path("idempotencyKey").asText()).isEqualTo(call.idempotencyKey());
    assertThat(params.path("sessionKey").asText())
        .isEqualTo("servicetsunami-" + call.idempotencyKey());
    assertThat(((Succeeded) result).output())
        .containsEntry("text", "echo: /tenant_echo {\"text\":\"hello\"}")
        .containsEntry("run_id", call.idempotencyKey());
  }

  @Test
  void retriedToolDispatchReadsTheFinishedRunBackInsteadOfRunningAgain() {
    var call = invocation("tenant_echo", SkillKind.TOOL_DISPATCH, Map.of("text", "once"));
    gateway.execute(endpoint, call);
    server.script(
        request -> {
          if (request.method().equals("chat.history")) {
            var history = obj();
            var message = history.putArray("messages").addObject().put("role", "assistant");
            message.put("idempotencyKey", call.idempotencyKey());
            message.putArray("content").addObject().put("type", "text").put("text", "first answer");
            request.connection().respond(request.id(), history);
            return true;
          }
          return false;
        });

    SkillResult again = gateway.execute(endpoint, call);

    assertThat(((Succeeded) again).output()).containsEntry("text", "first answer");
    assertThat(server.requests("chat.send")).hasSize(2);
  }

  @Test
  void llmSkillResultIsTheSecondResponseToAgent() {
    var call = invocation("summarize", SkillKind.LLM, Map.of("url", "x"));

    SkillResult result = gateway.execute(endpoint, call);

    JsonNode params = server.requests("agent").get(0).params();
    assertThat(params.path("idempotencyKey").asText()).isEqualTo(call.idempotencyKey());
    assertThat(params.path("provider").asText()).isEqualTo("mock");
    assertThat(params.path("model").asText()).isEqualTo("mock-1");
    assertThat(((Succeeded) result).output())
        .containsEntry("text", "agent: /summarize {\"url\":\"x\"}");
  }

  @Test
  void skillsOwnFailuresAreResultsNotErrors() {
    server.script(
        request -> {
          if (request.method().equals("chat.send")) {
            String run = request.params().path("idempotencyKey").asText();
            request
                .connection()
                .respond(request.id(), obj().put("runId", run).put("status", "started"));
            request.connection().sendEvent("chat", chatFinal(run, "❌ Tool not available: exec"));
            return true;
          }
          if (request.method().equals("tools.invoke")) {
            var failed = obj().put("ok", false).put("toolName", "t");
            failed.putObject("error").put("code", "tool_error").put("message", "quota exceeded");
            request.connection().respond(request.id(), failed);
            return true;
          }
          return false;
        });

    SkillResult dispatch =
        gateway.execute(endpoint, invocation("x", SkillKind.TOOL_DISPATCH, Map.of()));
    SkillResult tool = gateway.execute(endpoint, invocation("t", SkillKind.TOOL, Map.of()));

    assertThat(dispatch).isEqualTo(new SkillFailed("Tool not available: exec"));
    assertThat(tool).isEqualTo(new SkillFailed("quota exceeded"));
  }

  @Test
  void unknownToolIsRejectedPermanently() {
    server.script(
        request -> {
          if (request.method().equals("tools.invoke")) {
            var failed = obj().put("ok", false).put("toolName", "nope");
            failed
                .putObject("error")
                .put("code", "not_found")
                .put("message", "Tool not available: nope");
            request.connection().respond(request.id(), failed);
            return true;
          }
          return false;
        });

    assertPortError(
        PermanentException.class,
        ErrorCode.GATEWAY_REJECTED,
        () -> gateway.execute(endpoint, invocation("nope", SkillKind.TOOL, Map.of())));
  }

  // ---- credentials -----------------------------------------------------------------------------

  @Test
  void credentialsReachTheSkillsConfigurationNeverTheMessage() {
    var secret = Secret.of("tenant-secret-4711");
    var call =
        invocation(
            "slack",
            SkillKind.TOOL_DISPATCH,
            Map.of("channel", "ops"),
            Map.of("bot_token", secret));

    gateway.execute(endpoint, call);
    gateway.execute(
        endpoint,
        invocation("slack", SkillKind.TOOL_DISPATCH, Map.of(), Map.of("bot_token", secret)));

    List<ScriptedGateway.Request> updates = server.requests("skills.update");
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).params().path("skillKey").asText()).isEqualTo("slack");
    assertThat(updates.get(0).params().path("env").path("SLACK_BOT_TOKEN").asText())
        .isEqualTo("tenant-secret-4711");
    assertThat(server.requests("chat.send"))
        .allSatisfy(r -> assertThat(r.params().toString()).doesNotContain("tenant-secret-4711"));
  }

  @Test
  void changedCredentialsAreInstalledAgain() {
    gateway.execute(
        endpoint, invocation("s", SkillKind.LLM, Map.of(), Map.of("k", Secret.of("one"))));
    gateway.execute(
        endpoint, invocation("s", SkillKind.LLM, Map.of(), Map.of("k", Secret.of("two"))));

    assertThat(server.requests("skills.update")).hasSize(2);
  }

  // ---- the pooled connection -------------------------------------------------------------------

  @Test
  void concurrentCallsShareOneConnectionMultiplexedById() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try {
      List<Future<SkillResult>> results = new ArrayList<>();
      for (int i = 0; i < 160; i++) {
        int n = i;
        results.add(
            callers.submit(
                () ->
                    gateway.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of("n", n)))));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(((Succeeded) results.get(i).get()).output().get("text"))
            .isEqualTo("{\"n\":" + i + "}");
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(server.upgrades()).isEqualTo(1);
  }

  @Test
  void connectPerCallOpensASocketForEveryCall() {
    try (var perCall = OpenClawSkillGateway.connectingPerCall(fastSettings(keys))) {
      for (int i = 0; i < 3; i++) {
        perCall.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of()));
      }
    }
    assertThat(server.upgrades()).isEqualTo(3);
  }

  @Test
  void droppedSocketFailsTheCallInFlightAtOnceAndTheNextCallReconnects() {
    server.script(
        request -> {
          if (request.method().equals("chat.send") && server.upgrades() == 1) {
            request
                .connection()
                .respond(request.id(), obj().put("runId", "r").put("status", "started"));
            request.connection().kill();
            return true;
          }
          return false;
        });
    long started = System.nanoTime();

    assertPortError(
        TransientException.class,
        ErrorCode.GATEWAY_UNAVAILABLE,
        () -> gateway.execute(endpoint, invocation("x", SkillKind.TOOL_DISPATCH, Map.of())));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    SkillResult next =
        gateway.execute(endpoint, invocation("x", SkillKind.TOOL_DISPATCH, Map.of()));
    assertThat(next).isInstanceOf(Succeeded.class);
    assertThat(gateway.stats(endpoint.instanceId()).drops()).isEqualTo(1);
  }

  @Test
  void silenceForTwoTickIntervalsClosesAndReconnects() throws Exception {
    server.tickIntervalMs(150);
    gateway.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of()));

    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (gateway.stats(endpoint.instanceId()).connects() < 2 && System.nanoTime() < until) {
      Thread.sleep(20);
    }

    ConnectionStats stats = gateway.stats(endpoint.instanceId());
    assertThat(stats.drops()).isGreaterThanOrEqualTo(1);
    assertThat(stats.connects()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void ticksKeepTheConnectionOpen() throws Exception {
    // Ticks every 150 ms for longer than the 2 s the client waits before giving up on a silent
    // gateway: the margin keeps the test meaningful on a loaded machine.
    server.tickIntervalMs(1000);
    gateway.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of()));
    var connection = server.openConnections().get(0);
    for (int i = 0; i < 16; i++) {
      connection.sendEvent("tick", obj().put("ts", System.currentTimeMillis()));
      Thread.sleep(150);
    }

    assertThat(gateway.stats(endpoint.instanceId()).drops()).isZero();
  }

  @Test
  void requestLargerThanTheGatewaysPayloadLimitIsRejectedWithoutSending() {
    server.maxPayload(2048);

    assertPortError(
        PermanentException.class,
        ErrorCode.GATEWAY_REJECTED,
        () ->
            gateway.execute(
                endpoint, invocation("echo", SkillKind.TOOL, Map.of("blob", "x".repeat(4000)))));
    assertThat(server.requests("tools.invoke")).isEmpty();
  }

  // ---- faults the real gateway cannot be made to show -------------------------------------------

  @Test
  void responseSlowerThanTheResponseTimeoutIsATimeout() {
    try (var impatient =
        new OpenClawSkillGateway(
            fastSettings(keys).withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5)))) {
      server.script(request -> request.method().equals("tools.invoke")); // never answers

      assertPortError(
          TransientException.class,
          ErrorCode.GATEWAY_TIMEOUT,
          () -> impatient.execute(endpoint, invocation("slow", SkillKind.TOOL, Map.of())));

      server.script(request -> false);
      assertThat(impatient.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of())))
          .isInstanceOf(Succeeded.class);
    }
  }

  @Test
  void runThatNeverFinishesHitsTheOverallTimeout() {
    try (var impatient =
        new OpenClawSkillGateway(
            fastSettings(keys).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(600)))) {
      server.script(
          request -> {
            if (request.method().equals("agent")) {
              request.connection().respond(request.id(), obj().put("status", "accepted"));
              return true; // the final response never comes
            }
            return false;
          });
      long started = System.nanoTime();

      assertPortError(
          TransientException.class,
          ErrorCode.GATEWAY_TIMEOUT,
          () -> impatient.execute(endpoint, invocation("llm", SkillKind.LLM, Map.of())));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void malformedFramesAreIgnored() {
    server.script(
        request -> {
          if (request.method().equals("tools.invoke")) {
            request.connection().sendText("this is not json");
            request.connection().sendText("[1,2,3]");
            request.connection().sendText("{\"type\":\"mystery\"}");
            request
                .connection()
                .sendText("{\"type\":\"event\",\"event\":\"connect.challenge\",\"payload\":7}");
            return false; // then the normal answer
          }
          return false;
        });

    SkillResult result =
        gateway.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of("a", 1)));

    assertThat(result).isInstanceOf(Succeeded.class);
    assertThat(gateway.stats(endpoint.instanceId()).malformedFrames()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void responseWithoutOkFailsThatCallOnly() {
    server.script(
        request -> {
          if (request.method().equals("tools.invoke")
              && request.params().path("name").asText().equals("bad")) {
            request.connection().sendText("{\"type\":\"res\",\"id\":\"" + request.id() + "\"}");
            return true;
          }
          return false;
        });

    assertPortError(
        PermanentException.class,
        ErrorCode.GATEWAY_REJECTED,
        () -> gateway.execute(endpoint, invocation("bad", SkillKind.TOOL, Map.of())));
    assertThat(gateway.execute(endpoint, invocation("good", SkillKind.TOOL, Map.of())))
        .isInstanceOf(Succeeded.class);
  }

  @Test
  void oversizedFrameClosesTheConnectionAndFailsTheCallTransiently() {
    try (var small =
        new OpenClawSkillGateway(fastSettings(keys).withMaxIncomingFrameBytes(64 * 1024))) {
      server.script(
          request -> {
            if (request.method().equals("tools.invoke")
                && request.params().path("name").asText().equals("huge")) {
              request
                  .connection()
                  .sendText(
                      "{\"type\":\"event\",\"event\":\"x\",\"payload\":\""
                          + "y".repeat(200_000)
                          + "\"}");
              return true;
            }
            return false;
          });

      assertPortError(
          TransientException.class,
          ErrorCode.GATEWAY_UNAVAILABLE,
          () -> small.execute(endpoint, invocation("huge", SkillKind.TOOL, Map.of())));
      assertThat(small.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of())))
          .isInstanceOf(Succeeded.class);
    }
  }

  @Test
  void duplicateAndUnknownResponseIdsAreIgnored() {
    server.script(
        request -> {
          if (request.method().equals("tools.invoke")) {
            var payload = obj().put("ok", true).put("toolName", "echo");
            payload
                .putObject("output")
                .putArray("content")
                .addObject()
                .put("type", "text")
                .put("text", "first");
            request.connection().respond("no-such-id", payload);
            request.connection().respond(request.id(), payload);
            request.connection().respond(request.id(), payload);
            return true;
          }
          return false;
        });

    SkillResult result = gateway.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of()));
    SkillResult next = gateway.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of()));

    assertThat(((Succeeded) result).output()).containsEntry("text", "first");
    assertThat(next).isInstanceOf(Succeeded.class);
    ConnectionStats stats = gateway.stats(endpoint.instanceId());
    assertThat(stats.unknownResponses()).isGreaterThanOrEqualTo(3);
    assertThat(stats.connects()).isEqualTo(1);
  }

  @Test
  void closeInTheMiddleOfTheHandshakeIsTransient() {
    server.script(
        request -> {
          if (request.method().equals("connect")) {
            request.connection().close(1011, "internal error");
            return true;
          }
          return false;
        });

    assertPortError(
        TransientException.class,
        ErrorCode.GATEWAY_UNAVAILABLE,
        () -> gateway.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of())));
  }

  @Test
  void socketKilledBeforeTheChallengeIsTransient() {
    server.sendChallenge(false).script(request -> false);
    try (var quick =
        new OpenClawSkillGateway(fastSettings(keys).withConnectTimeout(Duration.ofMillis(500)))) {
      TransientException error =
          assertPortError(
              TransientException.class,
              ErrorCode.GATEWAY_TIMEOUT,
              () -> quick.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of())));
      assertThat(error.getMessage()).contains("challenge");
    }
  }

  @Test
  void gatewayStillStartingIsTransientWithItsRetryAfter() {
    server.script(
        request -> {
          if (request.method().equals("connect")) {
            request.connection().respondUnavailable(request.id(), 1500);
            request.connection().close(1013, "gateway starting");
            return true;
          }
          return false;
        });

    TransientException error =
        assertPortError(
            TransientException.class,
            ErrorCode.GATEWAY_UNAVAILABLE,
            () -> gateway.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of())));
    assertThat(error.retryAfter()).contains(Duration.ofMillis(1500));
  }

  @Test
  void wrongTokenFailsPermanentlyAfterOneAttemptWithoutARetryStorm() {
    GatewayEndpoint wrong = endpoint(server.url(), "wrong-token-999");

    for (int i = 0; i < 3; i++) {
      PermanentException error =
          assertPortError(
              PermanentException.class,
              ErrorCode.GATEWAY_AUTH_FAILED,
              () -> gateway.execute(wrong, invocation("echo", SkillKind.TOOL, Map.of())));
      assertThat(error.getMessage())
          .contains("AUTH_TOKEN_MISMATCH")
          .doesNotContain("wrong-token-999");
    }
    assertThat(server.upgrades()).isEqualTo(1);
  }

  @Test
  void protocolMismatchIsPermanent() {
    server.script(
        request -> {
          if (request.method().equals("connect")) {
            request
                .connection()
                .respondError(
                    request.id(),
                    "INVALID_REQUEST",
                    "protocol mismatch",
                    obj().put("code", "PROTOCOL_MISMATCH"));
            request.connection().close(1002, "protocol mismatch");
            return true;
          }
          return false;
        });

    assertPortError(
        PermanentException.class,
        ErrorCode.GATEWAY_AUTH_FAILED,
        () -> gateway.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of())));
  }

  @Test
  void unreachableGatewayIsTransientAndBacksOff() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    GatewayEndpoint nowhere = endpoint("http://127.0.0.1:" + port, TOKEN);

    assertPortError(
        TransientException.class,
        ErrorCode.GATEWAY_UNAVAILABLE,
        () -> gateway.execute(nowhere, invocation("echo", SkillKind.TOOL, Map.of())));
    assertThat(gateway.stats(nowhere.instanceId()).connectAttempts()).isEqualTo(1);
  }

  @Test
  void callerFailsAtOnceWhenTheNextReconnectIsTooFarAway() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    GatewayEndpoint nowhere = endpoint("http://127.0.0.1:" + port, TOKEN);
    try (var patient =
        new OpenClawSkillGateway(
            fastSettings(keys)
                .withBackoff(
                    Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(1)))) {
      assertPortError(
          TransientException.class,
          ErrorCode.GATEWAY_UNAVAILABLE,
          () -> patient.execute(nowhere, invocation("echo", SkillKind.TOOL, Map.of())));

      TransientException backingOff =
          assertPortError(
              TransientException.class,
              ErrorCode.GATEWAY_UNAVAILABLE,
              () -> patient.execute(nowhere, invocation("echo", SkillKind.TOOL, Map.of())));

      assertThat(backingOff.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
      assertThat(patient.stats(nowhere.instanceId()).connectAttempts()).isEqualTo(1);
    }
  }

  // ---- health ----------------------------------------------------------------------------------

  @Test
  void probeOfAHealthyGatewayChecksReadyzAndTheChallenge() {
    GatewayHealth health = gateway.probe(endpoint);

    assertThat(health.status()).isEqualTo("healthy");
  }

  @Test
  void probeWithoutAChallengeIsHttpOnly() {
    server.sendChallenge(false);

    GatewayHealth health = gateway.probe(endpoint);

    assertThat(health.httpOk()).isTrue();
    assertThat(health.wsOk()).isFalse();
    assertThat(health.status()).isEqualTo("http_only");
  }

  @Test
  void probeOfAGatewayNotReadyReportsHttpDown() {
    server.readyStatus(503);

    assertThat(gateway.probe(endpoint).httpOk()).isFalse();
  }

  @Test
  void probeOfNothingIsUnreachableWithoutThrowing() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }

    GatewayHealth health = gateway.probe(endpoint("http://127.0.0.1:" + port, TOKEN));

    assertThat(health.status()).isEqualTo("unreachable");
  }

  @Test
  void issuedDeviceTokenIsHandedToTheListener() throws Exception {
    server.script(
        request -> {
          if (request.method().equals("connect")) {
            var hello = obj().put("type", "hello-ok").put("protocol", 4);
            hello.putObject("auth").put("role", "operator").put("deviceToken", "issued-123");
            hello.putObject("policy").put("maxPayload", 1_000_000).put("tickIntervalMs", 30_000);
            request.connection().respond(request.id(), hello);
            return true;
          }
          return false;
        });
    List<Secret> issued = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    try (var listening =
        new OpenClawSkillGateway(
            fastSettings(keys),
            (InstanceId instance, Secret token) -> {
              calls.incrementAndGet();
              issued.add(token);
            })) {
      listening.execute(endpoint, invocation("echo", SkillKind.TOOL, Map.of()));
    }
    assertThat(issued).containsExactly(Secret.of("issued-123"));
  }
}
