package io.servicetsunami.adapters.temporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemoryWorkflowEngine;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenClawProvisionWorkflowTest {

  private static TestTemporal temporal;

  @BeforeAll
  static void startTemporal() {
    temporal = TestTemporal.start(client -> new InMemoryWorkflowEngine());
  }

  @AfterAll
  static void stopTemporal() {
    temporal.close();
  }

  private final String tenant = Fixtures.tenantId().toString();
  private final String instance = Fixtures.instanceId().toString();

  private void provision() {
    temporal
        .client()
        .newWorkflowStub(
            OpenClawProvisionWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("provision-openclaw-" + instance)
                .setTaskQueue(TestDefinitions.ORCHESTRATION)
                .build())
        .provision(new ProvisionPayload(tenant, instance, "2026.9.6", false));
  }

  @Test
  void runsTheFiveStepsInOrder() {
    provision();

    assertThat(temporal.log.steps(instance))
        .containsExactly(
            "generate_openclaw_values",
            "helm_install_openclaw",
            "wait_pod_ready",
            "health_check_openclaw",
            "register_instance");
  }

  @Test
  void retriesTheHelmInstallTwiceAfterThirtyThenSixtySeconds() {
    temporal.log.failTransiently("helm_install_openclaw", instance, 2);

    provision();

    List<StepLog.Call> attempts = temporal.log.calls("helm_install_openclaw", instance);
    assertThat(attempts).hasSize(3);
    assertThat(attempts.get(1).atMillis() - attempts.get(0).atMillis()).isBetween(30_000L, 31_000L);
    assertThat(attempts.get(2).atMillis() - attempts.get(1).atMillis()).isBetween(60_000L, 61_000L);
    assertThat(temporal.log.steps(instance)).endsWith("register_instance");
  }

  @Test
  void aPodThatCannotStartMarksTheInstanceFailedAtOnce() {
    temporal.log.failNext(
        "wait_pod_ready",
        instance,
        new PermanentException(ErrorCode.POD_FAILED, "image pull failed"));

    assertThatThrownBy(this::provision)
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("pod_failed"));

    assertThat(temporal.log.calls("wait_pod_ready", instance)).hasSize(1);
    StepLog.Call marked = temporal.log.calls("mark_instance_failed", instance).get(0);
    assertThat((String) marked.args().get(1))
        .isEqualTo("wait_pod_ready failed: image pull failed (pod_failed)");
    assertThat(temporal.log.steps(instance)).doesNotContain("health_check_openclaw");
  }
}
