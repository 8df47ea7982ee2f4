package io.servicetsunami.adapters.openclaw;

import static io.servicetsunami.adapters.openclaw.GatewayFixtures.invocation;
import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.adapters.openclaw.testing.RealOpenClawGateway;
import io.servicetsunami.adapters.openclaw.testing.ScriptedLlm;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillKind;
import io.servicetsunami.ports.out.CircuitBreakers.Admitted;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.SkillGateway.SkillResult;
import io.servicetsunami.ports.out.SkillGateway.Succeeded;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The adapter against a real OpenClaw gateway ({@link RealOpenClawGateway}): handshake, health, the
 * three ways to run a skill, credentials, a rejected token, and a gateway killed and restarted. The
 * kill/restart tests run last; the gateway is running again afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenClawGatewayIT {

  private static RealOpenClawGateway real;
  private static OpenClawSkillGateway gateway;
  private static GatewayEndpoint endpoint;

  @BeforeAll
  static void start() throws Exception {
    real = RealOpenClawGateway.shared();
    Path keys = Files.createTempDirectory("openclaw-it-keys");
    gateway =
        new OpenClawSkillGateway(
            OpenClawSettings.defaults(keys)
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(2)));
    endpoint =
        new GatewayEndpoint(
            new InstanceId(UUID.randomUUID()),
            real.url(),
            Secret.of(RealOpenClawGateway.TOKEN),
            Optional.empty());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  @Order(1)
  void handshakeEndsInHelloOkWithTheRequestedScopes() {
    SkillResult result =
        gateway.execute(
            endpoint,
            invocation(RealOpenClawGateway.ECHO_TOOL, SkillKind.TOOL, Map.of("text", "hi")));

    assertThat(result).isInstanceOf(Succeeded.class);
    ConnectionStats stats = gateway.stats(endpoint.instanceId());
    assertThat(stats.connected()).isTrue();
    assertThat(stats.connects()).isEqualTo(1);
  }

  @Test
  @Order(2)
  void healthProbeSeesReadyzAndTheChallenge() {
    assertThat(gateway.probe(endpoint).status()).isEqualTo("healthy");
  }

  @Test
  @Order(3)
  void toolDispatchSkillRunsWithoutAnyLlm() {
    int llmRequests = real.llm().requests().size();

    SkillResult result =
        gateway.execute(
            endpoint,
            invocation(
                RealOpenClawGateway.DISPATCH_SKILL,
                SkillKind.TOOL_DISPATCH,
                Map.of("text", "no-llm")));

    Map<String, Object> output = ((Succeeded) result).output();
    assertThat(output.get("text").toString()).contains("no-llm");
    assertThat(output.get("data").toString())
        .contains("commandName=" + RealOpenClawGateway.DISPATCH_SKILL);
    assertThat(real.llm().requests()).hasSize(llmRequests);
  }

  @Test
  @Order(4)
  void singleToolRunsThroughToolsInvoke() {
    SkillResult result =
        gateway.execute(
            endpoint,
            invocation(RealOpenClawGateway.ECHO_TOOL, SkillKind.TOOL, Map.of("text", "tool-call")));

    Map<String, Object> output = ((Succeeded) result).output();
    assertThat(output)
        .containsEntry("tool", RealOpenClawGateway.ECHO_TOOL)
        .containsEntry("source", "plugin");
    assertThat(output.get("text").toString()).contains("tool-call");
  }

  @Test
  @Order(5)
  void sameIdempotencyKeyRunsTheSkillOnce() {
    var call =
        invocation(
            RealOpenClawGateway.DISPATCH_SKILL, SkillKind.TOOL_DISPATCH, Map.of("text", "once"));

    SkillResult first = gateway.execute(endpoint, call);
    SkillResult again = gateway.execute(endpoint, call);

    assertThat(((Succeeded) again).output().get("text"))
        .isEqualTo(((Succeeded) first).output().get("text"));
  }

  @Test
  @Order(6)
  void credentialsReachTheDispatchedToolThroughTheSkillsConfiguration() throws Exception {
    String secret = "tenant-secret-" + UUID.randomUUID();

    SkillResult result =
        gateway.execute(
            endpoint,
            invocation(
                RealOpenClawGateway.DISPATCH_SKILL,
                SkillKind.TOOL_DISPATCH,
                Map.of("text", "with-credentials"),
                Map.of("api_key", Secret.of(secret))));

    String text = ((Succeeded) result).output().get("text").toString();
    assertThat(text).contains("\"ST_ECHO_API_KEY\":\"" + sha256(secret) + "\"");
    assertThat(text).doesNotContain(secret);
  }

  @Test
  @Order(7)
  void llmSkillThroughAgentReturnsTheModelsFinalText() {
    SkillResult result =
        gateway.execute(
            endpoint,
            invocation(
                RealOpenClawGateway.LLM_SKILL, SkillKind.LLM, Map.of("text", "summarize this")));

    Map<String, Object> output = ((Succeeded) result).output();
    assertThat(output.get("text")).isEqualTo(ScriptedLlm.FINAL_PREFIX + " hello");
    assertThat(real.llm().requests()).isNotEmpty();
  }

  @Test
  @Order(8)
  void llmSkillSeesItsCredentialsAsEnvironmentAndTheModelNeverSeesThem() throws Exception {
    String secret = "llm-secret-" + UUID.randomUUID();

    SkillResult result =
        gateway.execute(
            endpoint,
            invocation(
                RealOpenClawGateway.LLM_SKILL,
                SkillKind.LLM,
                Map.of("text", ScriptedLlm.CALL_TOOL),
                Map.of("api_key", Secret.of(secret))));

    String text = ((Succeeded) result).output().get("text").toString();
    assertThat(text).startsWith(ScriptedLlm.FINAL_PREFIX);
    assertThat(text).contains("ST_SUMMARIZE_API_KEY=" + sha256(secret));
    assertThat(real.llm().requests())
        .allSatisfy(r -> assertThat(r.toString()).doesNotContain(secret));
  }

  @Test
  @Order(9)
  void wrongTokenIsAPermanentAuthErrorAfterOneAttempt() {
    GatewayEndpoint wrong =
        new GatewayEndpoint(
            new InstanceId(UUID.randomUUID()),
            real.url(),
            Secret.of("wrong-" + UUID.randomUUID()),
            Optional.empty());

    for (int i = 0; i < 3; i++) {
      assertPortError(
          PermanentException.class,
          ErrorCode.GATEWAY_AUTH_FAILED,
          () ->
              gateway.execute(
                  wrong, invocation(RealOpenClawGateway.ECHO_TOOL, SkillKind.TOOL, Map.of())));
    }
    assertThat(gateway.stats(wrong.instanceId()).connectAttempts()).isEqualTo(1);
  }

  @Test
  @Order(10)
  void gatewayKilledMidCallIsATransientErrorCountedByTheBreaker() throws Exception {
    Resilience4jCircuitBreakers breakers =
        new Resilience4jCircuitBreakers(3, Duration.ofMinutes(5), Duration.ofMinutes(2));
    real.llm().delay(Duration.ofSeconds(60));
    int before = real.llm().requests().size();
    try {
      assertThat(breakers.tryAcquire(endpoint.instanceId())).isInstanceOf(Admitted.class);
      CompletableFuture<Throwable> call =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  gateway.execute(
                      endpoint,
                      invocation(
                          RealOpenClawGateway.LLM_SKILL, SkillKind.LLM, Map.of("text", "slow")));
                  breakers.onSuccess(endpoint.instanceId());
                  return null;
                } catch (PortException e) {
                  breakers.onFailure(endpoint.instanceId());
                  return e;
                }
              });
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (real.llm().requests().size() == before && System.nanoTime() < until) {
        Thread.sleep(100);
      }
      assertThat(real.llm().requests().size())
          .as("the run reached the model")
          .isGreaterThan(before);
      long killed = System.nanoTime();

      real.kill();

      Throwable failure = call.get(30, TimeUnit.SECONDS);
      assertThat(failure).isInstanceOf(TransientException.class);
      assertThat(((TransientException) failure).code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE);
      assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(10));
      assertThat(breakers.metrics(endpoint.instanceId()).failuresInWindow()).isEqualTo(1);
    } finally {
      real.llm().delay(Duration.ZERO);
    }
  }

  @Test
  @Order(11)
  void gatewayRestartedTheNextCallReconnectsAndSucceeds() {
    real.restart();

    SkillResult result =
        gateway.execute(
            endpoint,
            invocation(RealOpenClawGateway.ECHO_TOOL, SkillKind.TOOL, Map.of("text", "back")));

    assertThat(((Succeeded) result).output().get("text").toString()).contains("back");
    assertThat(gateway.stats(endpoint.instanceId()).connects()).isGreaterThanOrEqualTo(2);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
