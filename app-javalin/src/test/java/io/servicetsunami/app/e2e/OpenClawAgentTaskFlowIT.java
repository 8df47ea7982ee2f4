package io.servicetsunami.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.adapters.openclaw.testing.RealOpenClawGateway;
import io.servicetsunami.adapters.openclaw.testing.ScriptedLlm;
import io.servicetsunami.app.e2e.RunningApp.Reply;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Agent tasks on the embedded mode's default runtime, the tenant's own OpenClaw agent: the
 * assembled app (no {@code ADK_BASE_URL}) runs step 3 as an {@code agent} turn on a real gateway
 * whose model is the scripted OpenAI-compatible provider of adapters-openclaw's harness ({@link
 * RealOpenClawGateway}; fails instead of skipping with {@code REQUIRE_REAL_GATEWAY=1}).
 *
 * <p>The tenant's instance record points at that gateway as provisioning would have left it
 * (running, its address, its encrypted token): provisioning itself is {@link InstanceFlowIT}'s
 * subject, and the harness gateway is the one with a scripted model.
 */
class OpenClawAgentTaskFlowIT {

  private static final Duration TASK_TIMEOUT = Duration.ofMinutes(3);

  private static RealOpenClawGateway gateway;
  private static RunningApp app;
  private static String token;

  @BeforeAll
  static void start() {
    gateway = RealOpenClawGateway.shared();
    app = RunningApp.start(UnaryOperator.identity());
    token = app.newTenantToken("Claws");
    TenantId tenant =
        TenantId.parse(
            app.send("GET", "/api/v1/auth/me", token, null).body().path("tenant_id").asText());
    Instant now = Instant.now();
    app.component()
        .persistence()
        .instances()
        .create(
            new TenantInstance(
                new InstanceId(UUID.randomUUID()),
                tenant,
                "2026.9.6",
                InstanceStatus.RUNNING,
                "openclaw-" + tenant.value().toString().substring(0, 8),
                "prod",
                ResourceSpec.DEFAULT,
                Optional.of(gateway.url()),
                Optional.of(
                    app.component()
                        .credentialCipher()
                        .encrypt(tenant, Secret.of(RealOpenClawGateway.TOKEN))),
                Optional.empty(),
                Optional.empty(),
                0,
                now,
                now));
    Reply agent =
        app.send(
            "POST",
            "/api/v1/agents",
            token,
            Map.of(
                "name",
                "Claw",
                "capabilities",
                List.of("ops"),
                "instructions",
                "Use your tools.",
                "llm_model",
                RealOpenClawGateway.MODEL));
    assertThat(agent.status()).as(agent.text()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aTaskCompletesOnTheTenantsAgentWithTheFiveStepsInOrder() {
    String id = submit("plain question " + UUID.randomUUID(), newAgentCapability());

    JsonNode done = awaitEnd(id);
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(done.path("output").path("text").asText()).startsWith(ScriptedLlm.FINAL_PREFIX);
    assertThat(done.path("output").path("runtime").asText()).isEqualTo("openclaw");
    assertThat(stepTypes(trace(id)))
        .containsExactly("dispatched", "memory_recall", "executing", "entity_persist", "completed");
  }

  @Test
  void aToolTheAgentCallsIsTracedAsASkillCallOfStepThree() {
    String id = submit(ScriptedLlm.CALL_TOOL + " " + UUID.randomUUID(), newAgentCapability());

    JsonNode done = awaitEnd(id);
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    JsonNode trace = trace(id);
    assertThat(stepTypes(trace))
        .containsExactlyInAnyOrder(
            "dispatched",
            "memory_recall",
            "skill_call",
            "executing",
            "entity_persist",
            "completed");
    List<Integer> orders = new ArrayList<>();
    trace.forEach(step -> orders.add(step.path("step_order").asInt()));
    assertThat(orders).isSorted().containsExactlyInAnyOrder(1, 2, 3, 3, 4, 5);
    JsonNode skillCall = null;
    for (JsonNode step : trace) {
      if (step.path("step_type").asText().equals("skill_call")) {
        skillCall = step;
      }
    }
    assertThat(skillCall.path("step_order").asInt()).isEqualTo(3);
    assertThat(skillCall.path("details").toString()).contains("exec");
  }

  /**
   * A fresh agent for each test: an agent remembers its tasks (step 5 stores a memory, step 2
   * recalls it into the next prompt), and the scripted model reacts to what the prompt contains.
   */
  private static String newAgentCapability() {
    String capability = "ops-" + UUID.randomUUID().toString().substring(0, 8);
    Reply agent =
        app.send(
            "POST",
            "/api/v1/agents",
            token,
            Map.of(
                "name",
                "Claw " + capability,
                "capabilities",
                List.of(capability),
                "instructions",
                "Use your tools.",
                "llm_model",
                RealOpenClawGateway.MODEL));
    assertThat(agent.status()).as(agent.text()).isEqualTo(201);
    return capability;
  }

  private static String submit(String objective, String capability) {
    Reply submitted =
        app.send(
            "POST",
            "/api/v1/agent-tasks/",
            token,
            Map.of("objective", objective, "required_capabilities", List.of(capability)));
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
    return submitted.body().path("id").asText();
  }

  private static JsonNode awaitEnd(String id) {
    return app.await(
        "/api/v1/agent-tasks/" + id,
        token,
        TASK_TIMEOUT,
        task -> List.of("completed", "failed").contains(task.path("status").asText()));
  }

  /** The trace once its last step is written (the task's status is updated just before). */
  private static JsonNode trace(String id) {
    return app.await(
        "/api/v1/agent-tasks/" + id + "/trace",
        token,
        TASK_TIMEOUT,
        trace -> stepTypes(trace).contains("completed") || stepTypes(trace).contains("failed"));
  }

  private static List<String> stepTypes(JsonNode trace) {
    List<String> types = new ArrayList<>();
    trace.forEach(step -> types.add(step.path("step_type").asText()));
    return types;
  }
}
