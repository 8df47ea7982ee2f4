package io.servicetsunami.adapters.temporal;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.adapters.temporal.workflow.ScheduleLoopPayload;
import io.servicetsunami.adapters.temporal.workflow.ScheduleLoopWorkflow;
import io.servicetsunami.adapters.temporal.workflow.TestDefinitions;
import io.servicetsunami.adapters.temporal.workflow.TestTemporal;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowSignal;
import io.servicetsunami.ports.model.WorkflowState;
import io.servicetsunami.ports.out.WorkflowEngine;
import io.servicetsunami.ports.out.WorkflowSchedules;
import io.servicetsunami.ports.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded fallback for schedules, under time skipping: fires on its spec, skips while the
 * target runs, pauses, triggers, updates in place and deletes — the observable behaviour of the
 * Schedules API with overlap policy skip.
 */
class TimerLoopWorkflowSchedulesTest {

  private static TestTemporal temporal;
  private static WorkflowEngine engine;
  private static WorkflowSchedules schedules;

  @BeforeAll
  static void startTemporal() {
    temporal =
        TestTemporal.start(
            client -> new TemporalWorkflowEngine(client, TestDefinitions.all(), Optional.empty()));
    engine = new TemporalWorkflowEngine(temporal.client(), TestDefinitions.all(), Optional.empty());
    schedules = new TimerLoopWorkflowSchedules(temporal.client(), TestDefinitions.all());
  }

  @AfterAll
  static void stopTemporal() {
    temporal.close();
  }

  private final String scheduleId = "pipeline-schedule-" + UUID.randomUUID();
  private final TenantId tenant = Fixtures.tenantId();

  /** A target that stays running until approved: the overlap case. */
  private WorkflowInput waitingTask(TaskId task) {
    temporal.taskSteps.requireApproval(task);
    return new WorkflowInput.TaskExecution(tenant, task);
  }

  @Test
  void anIntervalScheduleStartsItsTargetEachIntervalAndSkipsWhileItRuns() {
    TaskId task = Fixtures.taskId();
    schedules.ensure(
        scheduleId,
        new Schedule.Interval(Duration.ofMinutes(1), false),
        "task-" + task,
        waitingTask(task));

    temporal.env.sleep(Duration.ofMinutes(3).plusSeconds(5));

    // Three or four minute boundaries, depending on where in the minute the test started.
    ScheduleLoopPayload state = awaitState(s -> s.started() + s.skipped() >= 3);
    assertThat(state.started()).isEqualTo(1);
    assertThat(state.skipped()).isBetween(2L, 3L);
    assertThat(engine.describe("task-" + task).state()).isEqualTo(WorkflowState.RUNNING);

    engine.signal("task-" + task, new WorkflowSignal.Approve(Fixtures.userId()));
    awaitClosed("task-" + task);
    temporal.env.sleep(Duration.ofMinutes(1));

    assertThat(awaitState(s -> s.started() == 2).skipped()).isEqualTo(state.skipped());
    schedules.delete(scheduleId);
  }

  @Test
  void aCronScheduleFiresAtItsTimesInUtc() {
    ChatSessionId session = new ChatSessionId(UUID.randomUUID());
    schedules.ensure(
        scheduleId,
        new Schedule.Cron("*/10 * * * *", false),
        "knowledge-extraction-" + session,
        new WorkflowInput.KnowledgeExtraction(tenant, session));

    temporal.env.sleep(Duration.ofMinutes(25));

    // Two or three :x0 minutes fall into 25 minutes, whatever the start; each run completes.
    ScheduleLoopPayload state = awaitState(s -> s.started() >= 2);
    assertThat(state.skipped()).isZero();
    assertThat(temporal.log.calls(session.toString())).hasSize((int) state.started());
    schedules.delete(scheduleId);
  }

  @Test
  void aPausedScheduleDoesNotFireButCanBeTriggered() {
    ChatSessionId session = new ChatSessionId(UUID.randomUUID());
    schedules.ensure(
        scheduleId,
        new Schedule.Interval(Duration.ofMinutes(1), true),
        "knowledge-extraction-" + session,
        new WorkflowInput.KnowledgeExtraction(tenant, session));

    temporal.env.sleep(Duration.ofMinutes(5));
    assertThat(awaitState(s -> true).started()).isZero();

    schedules.triggerNow(scheduleId);

    assertThat(awaitState(s -> s.started() == 1).skipped()).isZero();
    schedules.delete(scheduleId);
  }

  @Test
  void ensuringAgainUpdatesTheRunningLoopInsteadOfStartingASecond() {
    ChatSessionId session = new ChatSessionId(UUID.randomUUID());
    WorkflowInput input = new WorkflowInput.KnowledgeExtraction(tenant, session);
    schedules.ensure(
        scheduleId,
        new Schedule.Interval(Duration.ofHours(1), false),
        "knowledge-extraction-" + session,
        input);
    String firstRun = loopRunId();

    schedules.ensure(
        scheduleId,
        new Schedule.Interval(Duration.ofMinutes(1), false),
        "knowledge-extraction-" + session,
        input);
    temporal.env.sleep(Duration.ofMinutes(2).plusSeconds(5));

    assertThat(loopRunId()).isEqualTo(firstRun);
    assertThat(awaitState(s -> s.started() >= 2).schedule().intervalSeconds()).isEqualTo(60);
    schedules.delete(scheduleId);
  }

  @Test
  void deletingStopsTheScheduleButNotTheWorkflowItStarted() {
    TaskId task = Fixtures.taskId();
    schedules.ensure(
        scheduleId,
        new Schedule.Interval(Duration.ofHours(1), false),
        "task-" + task,
        waitingTask(task));
    schedules.triggerNow(scheduleId);
    awaitState(s -> s.started() == 1);

    schedules.delete(scheduleId);
    schedules.delete(scheduleId);

    assertThat(engine.describe("task-" + task).state()).isEqualTo(WorkflowState.RUNNING);
    assertPortError(
        NotFoundException.class,
        ErrorCode.WORKFLOW_NOT_FOUND,
        () -> schedules.triggerNow(scheduleId));
    engine.cancel("task-" + task);
  }

  @Test
  void triggeringAnUnknownScheduleIsNotFound() {
    assertPortError(
        NotFoundException.class,
        ErrorCode.WORKFLOW_NOT_FOUND,
        () -> schedules.triggerNow(scheduleId));
  }

  @Test
  void rejectsACronExpressionThatCannotFire() {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () ->
            schedules.ensure(
                scheduleId,
                new Schedule.Cron("61 * * * *", false),
                "x",
                new WorkflowInput.KnowledgeExtraction(
                    tenant, new ChatSessionId(UUID.randomUUID()))));
  }

  private String loopRunId() {
    return temporal
        .client()
        .newUntypedWorkflowStub(scheduleId)
        .describe()
        .getExecution()
        .getRunId();
  }

  private ScheduleLoopPayload awaitState(Predicate<ScheduleLoopPayload> condition) {
    ScheduleLoopWorkflow loop =
        temporal.client().newWorkflowStub(ScheduleLoopWorkflow.class, scheduleId);
    Instant deadline = Instant.now().plusSeconds(15);
    ScheduleLoopPayload state = null;
    while (Instant.now().isBefore(deadline)) {
      state = loop.state();
      if (state != null && condition.test(state)) {
        return state;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("schedule state never matched; last: " + state);
  }

  private void awaitClosed(String workflowId) {
    Instant deadline = Instant.now().plusSeconds(15);
    while (!engine.describe(workflowId).state().isClosed()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(workflowId + " never closed");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
