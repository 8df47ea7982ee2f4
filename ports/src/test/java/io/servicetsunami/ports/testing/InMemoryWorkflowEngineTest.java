package io.servicetsunami.ports.testing;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.contract.WorkflowEngineContract;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.UserId;
import io.servicetsunami.ports.model.WorkflowDescription;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowSignal;
import io.servicetsunami.ports.model.WorkflowState;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.WorkflowEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryWorkflowEngineTest implements WorkflowEngineContract {

  private final MutableClock clock = new MutableClock();
  private final InMemoryWorkflowEngine engine = new InMemoryWorkflowEngine(clock);
  private final TenantId tenant = Fixtures.tenantId();

  @Override
  public WorkflowEngine engine() {
    return engine;
  }

  @Override
  public WorkflowInput longRunningInput() {
    return new WorkflowInput.TaskExecution(tenant, Fixtures.taskId());
  }

  @Test
  void recordsStartsInOrderWithTheirInputs() {
    WorkflowInput task = new WorkflowInput.TaskExecution(tenant, Fixtures.taskId());
    WorkflowInput sync =
        new WorkflowInput.ScheduledSync(tenant, Fixtures.pipelineId(), Optional.empty());

    engine.start("task-1", task);
    engine.start("scheduled-sync-1", sync);
    engine.start("task-1", task);

    assertThat(engine.started())
        .extracting(InMemoryWorkflowEngine.Started::workflowId)
        .containsExactly("task-1", "scheduled-sync-1");
    assertThat(engine.started(WorkflowType.SCHEDULED_SYNC))
        .extracting(InMemoryWorkflowEngine.Started::input)
        .containsExactly(sync);
    assertThat(engine.inputOf("task-1")).isEqualTo(task);
  }

  @Test
  void signalsAreQueuedPerWorkflowInOrder() {
    engine.start("task-1", longRunningInput());
    engine.start("task-2", longRunningInput());
    UserId reviewer = Fixtures.userId();

    engine.signal("task-1", new WorkflowSignal.Approve(reviewer));
    engine.signal("task-1", new WorkflowSignal.Reject(reviewer, "wrong figures"));

    assertThat(engine.signals("task-1"))
        .containsExactly(
            new WorkflowSignal.Approve(reviewer),
            new WorkflowSignal.Reject(reviewer, "wrong figures"));
    assertThat(engine.signals("task-2")).isEmpty();
  }

  @Test
  void completedWorkflowIsClosedAndRefusesSignals() {
    engine.start("task-1", longRunningInput());
    clock.advance(Duration.ofMinutes(3));

    engine.complete("task-1");

    WorkflowDescription description = engine.describe("task-1");
    assertThat(description.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(description.closedAt()).contains(Fixtures.NOW.plus(Duration.ofMinutes(3)));
    assertThat(engine.isRunning("task-1")).isFalse();
    assertPortError(
        NotFoundException.class,
        ErrorCode.WORKFLOW_NOT_FOUND,
        () -> engine.signal("task-1", new WorkflowSignal.Approve(Fixtures.userId())));
  }

  @Test
  void failedWorkflowReportsItsFailure() {
    engine.start("task-1", longRunningInput());

    engine.fail("task-1", "execute_task timed out");

    WorkflowDescription description = engine.describe("task-1");
    assertThat(description.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(description.failure()).contains("execute_task timed out");
  }

  @Test
  void cancelRecordsTheCancelledRunOnce() {
    engine.start("task-1", longRunningInput());

    engine.cancel("task-1");
    engine.cancel("task-1");

    assertThat(engine.cancelled()).containsExactly("task-1");
    assertThat(engine.describe("task-1").state()).isEqualTo(WorkflowState.CANCELLED);
  }

  @Test
  void listenersSeeNewRunsButNotRepeatedStarts() {
    List<String> seen = new ArrayList<>();
    engine.whenStarted(started -> seen.add(started.workflowId() + "/" + started.runId()));

    engine.start("task-1", longRunningInput());
    engine.start("task-1", longRunningInput());
    engine.complete("task-1");
    engine.start("task-1", longRunningInput());

    assertThat(seen).containsExactly("task-1/run-1", "task-1/run-2");
  }

  @Test
  void listenerMayDriveTheWorkflowToItsEnd() {
    engine.whenStarted(started -> engine.complete(started.workflowId()));

    engine.start("task-1", longRunningInput());

    assertThat(engine.describe("task-1").state()).isEqualTo(WorkflowState.COMPLETED);
  }

  @Test
  void unavailableEngineFailsTransiently() {
    engine.unavailable(true);

    assertPortError(
        TransientException.class,
        ErrorCode.WORKFLOW_ENGINE_UNAVAILABLE,
        () -> engine.start("task-1", longRunningInput()));
    engine.unavailable(false);
    assertThat(engine.start("task-1", longRunningInput()).alreadyRunning()).isFalse();
  }
}
