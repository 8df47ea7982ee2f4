package io.servicetsunami.adapters.temporal;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.WorkflowDescription;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowSignal;
import io.servicetsunami.ports.model.WorkflowState;
import io.servicetsunami.ports.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the contract does not cover: outcomes, failures, signals in domain terms, outages. */
class TemporalWorkflowEngineTest {

  private final SharedEmbeddedTemporal temporal = SharedEmbeddedTemporal.get();
  private final TenantId tenant = Fixtures.tenantId();
  private final TaskId task = Fixtures.taskId();
  private final String id = "task-" + task;

  @Test
  void aCompletedTaskIsDescribedAsCompleted() throws InterruptedException {
    temporal.engine.start(id, new WorkflowInput.TaskExecution(tenant, task));

    WorkflowDescription done = awaitClosed(id);

    assertThat(done.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(done.type().typeName()).isEqualTo("TaskExecutionWorkflow");
    assertThat(done.failure()).isEmpty();
    assertThat(temporal.log.steps(task.toString())).hasSize(5);
  }

  @Test
  void aFailedTaskIsDescribedWithTheStepAndItsErrorCode() throws InterruptedException {
    temporal.log.failNext(
        "execute_task",
        task.toString(),
        new PermanentException(ErrorCode.NO_AGENT_RUNTIME, "no agent runtime is configured"));
    temporal.engine.start(id, new WorkflowInput.TaskExecution(tenant, task));

    WorkflowDescription failed = awaitClosed(id);

    assertThat(failed.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(failed.failure())
        .hasValue("execute_task failed: no agent runtime is configured (no_agent_runtime)");
  }

  @Test
  void approveAndRejectReachTheWaitingTask() throws InterruptedException {
    temporal.taskSteps.requireApproval(task);
    temporal.engine.start(id, new WorkflowInput.TaskExecution(tenant, task));
    awaitStep("execute_task");

    temporal.engine.signal(id, new WorkflowSignal.Reject(Fixtures.userId(), "not good enough"));

    assertThat(awaitClosed(id).state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat((String) temporal.log.calls("fail_task", task.toString()).get(0).args().get(2))
        .endsWith(": not good enough");
  }

  @Test
  void anUnreachableServerIsATransientError() {
    TemporalSettings nowhere =
        TemporalSettings.fromEnvironment(Map.of(TemporalSettings.ADDRESS, "127.0.0.1:1"));
    try (TemporalConnection down = TemporalConnection.open(nowhere)) {
      assertPortError(
          TransientException.class,
          ErrorCode.WORKFLOW_ENGINE_UNAVAILABLE,
          () -> down.engine(SharedEmbeddedTemporal.DEFINITIONS).describe(id));
    }
  }

  private void awaitStep(String step) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (!temporal.log.steps(task.toString()).contains(step)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("never reached " + step);
      }
      Thread.sleep(20);
    }
    Thread.sleep(200); // let the workflow park on the approval
  }

  private WorkflowDescription awaitClosed(String workflowId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    WorkflowDescription description = temporal.engine.describe(workflowId);
    while (!description.state().isClosed() && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
      description = temporal.engine.describe(workflowId);
    }
    return description;
  }
}
