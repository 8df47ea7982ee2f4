package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.WorkflowDescription;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowRun;
import io.servicetsunami.ports.model.WorkflowSignal;
import io.servicetsunami.ports.model.WorkflowState;
import io.servicetsunami.ports.out.WorkflowEngine;
import io.servicetsunami.ports.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WorkflowEngine} does. A real engine needs a workflow that keeps running until
 * it is cancelled; {@link #longRunningInput()} names one (e.g. a task workflow whose worker waits
 * for approval).
 */
public interface WorkflowEngineContract {

  WorkflowEngine engine();

  /** An input whose workflow stays running until it is cancelled. */
  WorkflowInput longRunningInput();

  /** How long a cancelled workflow may take to report itself closed. */
  default Duration closeTimeout() {
    return Duration.ofSeconds(20);
  }

  private static String newWorkflowId() {
    return "contract-" + UUID.randomUUID();
  }

  @Test
  default void startedWorkflowIsDescribedAsRunning() {
    String id = newWorkflowId();
    WorkflowInput input = longRunningInput();

    WorkflowRun run = engine().start(id, input);

    assertThat(run.workflowId()).isEqualTo(id);
    assertThat(run.alreadyRunning()).isFalse();
    WorkflowDescription description = engine().describe(id);
    assertThat(description.runId()).isEqualTo(run.runId());
    assertThat(description.type()).isEqualTo(input.type());
    assertThat(description.state()).isEqualTo(WorkflowState.RUNNING);
    assertThat(description.closedAt()).isEmpty();
    engine().cancel(id);
  }

  @Test
  default void startingARunningWorkflowIdAgainReturnsTheRunningRun() {
    String id = newWorkflowId();
    WorkflowRun first = engine().start(id, longRunningInput());

    WorkflowRun second = engine().start(id, longRunningInput());

    assertThat(second.alreadyRunning()).isTrue();
    assertThat(second.runId()).isEqualTo(first.runId());
    engine().cancel(id);
  }

  @Test
  default void unknownWorkflowCannotBeDescribedOrSignalled() {
    String id = newWorkflowId();

    assertPortError(
        NotFoundException.class, ErrorCode.WORKFLOW_NOT_FOUND, () -> engine().describe(id));
    assertPortError(
        NotFoundException.class,
        ErrorCode.WORKFLOW_NOT_FOUND,
        () -> engine().signal(id, new WorkflowSignal.Approve(Fixtures.userId())));
  }

  @Test
  default void runningWorkflowAcceptsSignals() {
    String id = newWorkflowId();
    engine().start(id, longRunningInput());

    assertThatCode(() -> engine().signal(id, new WorkflowSignal.Approve(Fixtures.userId())))
        .doesNotThrowAnyException();
    engine().cancel(id);
  }

  @Test
  default void cancellingAnUnknownWorkflowIsIgnored() {
    assertThatCode(() -> engine().cancel(newWorkflowId())).doesNotThrowAnyException();
  }

  @Test
  default void cancelledWorkflowClosesAndItsIdCanBeStartedAgain() throws InterruptedException {
    String id = newWorkflowId();
    WorkflowRun first = engine().start(id, longRunningInput());

    engine().cancel(id);
    engine().cancel(id);

    WorkflowDescription closed = awaitClosed(id);
    assertThat(closed.state()).isIn(WorkflowState.CANCELLED, WorkflowState.TERMINATED);
    assertThat(closed.closedAt()).isPresent();
    WorkflowRun second = engine().start(id, longRunningInput());
    assertThat(second.alreadyRunning()).isFalse();
    assertThat(second.runId()).isNotEqualTo(first.runId());
    engine().cancel(id);
  }

  private WorkflowDescription awaitClosed(String id) throws InterruptedException {
    Instant deadline = Instant.now().plus(closeTimeout());
    WorkflowDescription description = engine().describe(id);
    while (!description.state().isClosed() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
      description = engine().describe(id);
    }
    return description;
  }
}
