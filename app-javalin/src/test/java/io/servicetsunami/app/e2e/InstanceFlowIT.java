package io.servicetsunami.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.app.e2e.RunningApp.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant's OpenClaw instance end to end over real HTTP: the assembled app with the local instance
 * runtime, so provisioning installs and starts a real OpenClaw gateway process on loopback (Node
 * and OpenClaw from the npm cache, {@code $OPENCLAW_CACHE_DIR}). There is no skip: without npm or
 * the cache the instance ends in {@code error} and the test fails.
 *
 * <p>One test walks the whole lifecycle in order, since each step needs the state the one before
 * left: create → running → skills health → execute a tool-dispatch skill → stop → start → restart →
 * logs → the circuit opening on a dead gateway → destroy.
 */
class InstanceFlowIT {

  private static final Duration PROVISIONING = Duration.ofMinutes(6);
  private static final Duration TRANSITION = Duration.ofMinutes(2);

  /**
   * The built-in {@code slack} skill, as the gateway's operator would install it: a managed skill
   * with direct dispatch to the gateway's own {@code session_status} tool, so that running it needs
   * no LLM and no Slack.
   */
  private static final String SLACK_SKILL =
      "---\nname: slack\ndescription: Slack (ServiceTsunami end-to-end test)\n"
          + "command-dispatch: tool\ncommand-tool: session_status\ncommand-arg-mode: raw\n---\n"
          + "Report the session status.\n";

  private static RunningApp app;

  @BeforeAll
  static void start() {
    app = RunningApp.start(UnaryOperator.identity());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void anInstanceRunsServesSkillsAndGoesThroughItsWholeLifecycle() throws Exception {
    String token = app.newTenantToken("Instances");
    String other = app.newTenantToken("Neighbour");

    // create
    Reply created = app.send("POST", "/api/v1/instances/", token, Map.of());
    assertThat(created.status()).as(created.text()).isEqualTo(202);
    String id = created.body().path("id").asText();
    String release = created.body().path("helm_release").asText();
    assertThat(created.body().path("workflow_id").asText()).isEqualTo("provision-openclaw-" + id);
    assertThat(created.body().path("status").asText()).isEqualTo("provisioning");
    assertThat(created.body().has("gateway_token")).isFalse();
    installSkillWhenTheStateDirectoryAppears(release, Instant.now().plus(PROVISIONING));

    // running
    JsonNode running = awaitInstance(token, id, "running", PROVISIONING);
    assertThat(running.path("internal_url").asText()).startsWith("http://127.0.0.1:");
    assertThat(app.send("GET", "/api/v1/instances/", token, null).body().get(0).path("id").asText())
        .isEqualTo(id);
    assertThat(app.send("GET", "/api/v1/instances/" + id, other, null).status()).isEqualTo(404);
    assertThat(app.send("POST", "/api/v1/instances/" + id + "/stop", other, null).status())
        .isEqualTo(404);
    assertThat(app.send("DELETE", "/api/v1/instances/" + id, other, null).status()).isEqualTo(404);

    // skills health
    JsonNode health = awaitHealthy(token);
    assertThat(health.path("http_ok").asBoolean()).isTrue();
    assertThat(health.path("ws_ok").asBoolean()).isTrue();
    assertThat(health.path("circuit").asText()).isEqualTo("closed");
    assertThat(app.send("GET", "/api/v1/skills/health", other, null).status()).isEqualTo(404);

    // configure and execute a tool-dispatch skill
    Reply configured =
        app.send(
            "PUT",
            "/api/v1/skills/slack/config",
            token,
            Map.of("enabled", true, "credentials", Map.of("bot_token", "xoxb-e2e-secret")));
    assertThat(configured.status()).as(configured.text()).isEqualTo(200);
    assertThat(configured.text()).doesNotContain("xoxb-e2e-secret");
    assertThat(configured.body().path("credential_keys").get(0).asText()).isEqualTo("bot_token");
    Reply config = app.send("GET", "/api/v1/skills/slack/config", token, null);
    assertThat(config.body().path("enabled").asBoolean()).isTrue();
    assertThat(config.text()).doesNotContain("xoxb-e2e-secret");

    JsonNode executed = awaitSkillCompletes(token);
    assertThat(executed.path("execution_id").asText()).isNotEmpty();
    String executionId = executed.path("execution_id").asText();
    assertThat(executed.path("output").path("run_id").asText()).isEqualTo("skill-" + executionId);
    // session_status's own report, from the gateway, about the skill's own session.
    assertThat(executed.path("output").path("text").asText())
        .contains("OpenClaw " + running.path("version").asText())
        .contains("servicetsunami-skill-" + executionId);
    assertThat(executed.toString()).doesNotContain("xoxb-e2e-secret");

    // stop → start → restart
    Reply stopped = app.send("POST", "/api/v1/instances/" + id + "/stop", token, null);
    assertThat(stopped.status()).as(stopped.text()).isEqualTo(200);
    awaitInstance(token, id, "stopped", TRANSITION);
    Reply notRunning = app.send("GET", "/api/v1/skills/health", token, null);
    assertThat(notRunning.status()).isEqualTo(409);
    assertThat(notRunning.body().path("code").asText()).isEqualTo("instance_not_running");
    assertThat(app.send("POST", "/api/v1/instances/" + id + "/stop", token, null).status())
        .isEqualTo(409);

    Reply started = app.send("POST", "/api/v1/instances/" + id + "/start", token, null);
    assertThat(started.status()).as(started.text()).isEqualTo(200);
    awaitInstance(token, id, "running", TRANSITION);
    awaitHealthy(token);

    Reply restarted = app.send("POST", "/api/v1/instances/" + id + "/restart", token, null);
    assertThat(restarted.status()).as(restarted.text()).isEqualTo(200);
    awaitInstance(token, id, "running", TRANSITION);
    awaitHealthy(token);

    // upgrade (to the version it runs: the provisioning workflow runs again and converges)
    Reply upgrading =
        app.send(
            "POST",
            "/api/v1/instances/" + id + "/upgrade",
            token,
            Map.of("version", running.path("version").asText()));
    assertThat(upgrading.status()).as(upgrading.text()).isEqualTo(202);
    assertThat(upgrading.body().path("status").asText()).isEqualTo("upgrading");
    assertThat(upgrading.body().path("workflow_id").asText())
        .startsWith("upgrade-openclaw-" + id + "-");
    awaitInstance(token, id, "running", PROVISIONING);
    awaitHealthy(token);

    // logs
    Reply logs = app.send("GET", "/api/v1/instances/" + id + "/logs?tail=20", token, null);
    assertThat(logs.status()).as(logs.text()).isEqualTo(200);
    assertThat(logs.body().path("lines").size()).isBetween(1, 20);
    assertThat(app.send("GET", "/api/v1/instances/" + id + "/logs?tail=0", token, null).status())
        .isEqualTo(400);
    assertThat(app.send("GET", "/api/v1/instances/" + id + "/logs?tail=5", other, null).status())
        .isEqualTo(404);

    // a gateway that dies under a running instance: three failed calls open its circuit
    killGateway(release);
    List<Integer> statuses = new ArrayList<>();
    Reply rejected = null;
    for (int i = 0; i < 6 && rejected == null; i++) {
      Reply reply = execute(token);
      statuses.add(reply.status());
      if ("circuit_open".equals(reply.body().path("code").asText())) {
        rejected = reply;
      }
    }
    assertThat(rejected).as("statuses " + statuses).isNotNull();
    assertThat(rejected.status()).isEqualTo(503);
    assertThat(rejected.header("Content-Type")).startsWith("application/problem+json");
    assertThat(Long.parseLong(rejected.header("Retry-After"))).isBetween(1L, 120L);

    // destroy
    Reply destroyed = app.send("DELETE", "/api/v1/instances/" + id, token, null);
    assertThat(destroyed.status()).as(destroyed.text()).isEqualTo(204);
    Reply gone = app.send("GET", "/api/v1/instances/" + id, token, null);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body().path("code").asText()).isEqualTo("instance_not_found");
    assertThat(app.dataDir().resolve("instances").resolve(release)).doesNotExist();
  }

  private static Reply execute(String token) {
    return app.send(
        "POST",
        "/api/v1/skills/execute",
        token,
        Map.of("skill_name", "slack", "input", Map.of("channel", "#general", "text", "hello")));
  }

  /**
   * Runs the skill until the gateway has loaded it: managed skills are hot-reloaded, so the first
   * call may come before the gateway knows the command.
   */
  private static JsonNode awaitSkillCompletes(String token) throws InterruptedException {
    Instant deadline = Instant.now().plus(TRANSITION);
    Reply last = null;
    while (Instant.now().isBefore(deadline)) {
      last = execute(token);
      if (last.status() == 200 && "completed".equals(last.body().path("status").asText())) {
        return last.body();
      }
      Thread.sleep(2_000);
    }
    throw new AssertionError(
        "the skill never completed; last: " + (last == null ? "" : last.text()));
  }

  private static JsonNode awaitInstance(String token, String id, String status, Duration timeout) {
    return app.await(
        "/api/v1/instances/" + id,
        token,
        timeout,
        instance -> {
          if (instance.path("status").asText().equals("error")) {
            throw new AssertionError("instance failed: " + instance);
          }
          return instance.path("status").asText().equals(status);
        });
  }

  private static JsonNode awaitHealthy(String token) throws InterruptedException {
    Instant deadline = Instant.now().plus(TRANSITION);
    Reply last = null;
    while (Instant.now().isBefore(deadline)) {
      last = app.send("GET", "/api/v1/skills/health", token, null);
      if (last.status() == 200 && last.body().path("healthy").asBoolean()) {
        assertThat(last.body().path("status").asText()).isEqualTo("healthy");
        return last.body();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("never healthy; last: " + (last == null ? "" : last.text()));
  }

  private static void installSkillWhenTheStateDirectoryAppears(String release, Instant deadline)
      throws IOException, InterruptedException {
    Path state = app.dataDir().resolve("instances").resolve(release).resolve("state");
    while (!Files.isDirectory(state)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the release never got its state directory " + state);
      }
      Thread.sleep(100);
    }
    Path skill = Files.createDirectories(state.resolve("skills").resolve("slack"));
    Files.writeString(skill.resolve("SKILL.md"), SLACK_SKILL);
  }

  private static void killGateway(String release) throws IOException {
    Path pidFile = app.dataDir().resolve("instances").resolve(release).resolve("gateway.pid");
    long pid = RunningApp.JSON.readTree(pidFile.toFile()).path("pid").asLong();
    ProcessHandle gateway = ProcessHandle.of(pid).orElseThrow();
    gateway.descendants().forEach(ProcessHandle::destroyForcibly);
    gateway.destroyForcibly();
    gateway.onExit().join();
  }
}
