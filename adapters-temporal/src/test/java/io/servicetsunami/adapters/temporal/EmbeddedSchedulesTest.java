package io.servicetsunami.adapters.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.adapters.temporal.workflow.Inputs;
import io.servicetsunami.adapters.temporal.workflow.ScheduledStartWorkflow;
import io.servicetsunami.adapters.temporal.workflow.StartRequestPayload;
import io.servicetsunami.adapters.temporal.workflow.TestDefinitions;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowState;
import io.servicetsunami.ports.out.WorkflowSchedules;
import io.servicetsunami.ports.testing.Fixtures;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Schedules on the real embedded server (real clock): what the app gets without a cluster. */
class EmbeddedSchedulesTest {

  private final SharedEmbeddedTemporal temporal = SharedEmbeddedTemporal.get();

  @Test
  void theEmbeddedModeUsesTheTimerLoopAndItStartsItsTargetWhenTriggered() throws Exception {
    WorkflowSchedules schedules = temporal.connection.schedules(SharedEmbeddedTemporal.DEFINITIONS);
    assertThat(schedules).isInstanceOf(TimerLoopWorkflowSchedules.class);
    ChatSessionId session = new ChatSessionId(UUID.randomUUID());
    String scheduleId = "pipeline-schedule-" + UUID.randomUUID();
    String target = "knowledge-extraction-" + session;

    schedules.ensure(
        scheduleId,
        new Schedule.Interval(Duration.ofHours(1), false),
        target,
        new WorkflowInput.KnowledgeExtraction(Fixtures.tenantId(), session));
    schedules.ensure( // at the next start-up: the same loop, no second one
        scheduleId,
        new Schedule.Interval(Duration.ofHours(1), false),
        target,
        new WorkflowInput.KnowledgeExtraction(Fixtures.tenantId(), session));
    schedules.triggerNow(scheduleId);

    Instant deadline = Instant.now().plusSeconds(20);
    while (temporal.log.calls(session.toString()).isEmpty()) {
      assertThat(Instant.now()).isBefore(deadline);
      Thread.sleep(20);
    }
    schedules.delete(scheduleId);
    assertThat(temporal.log.calls(session.toString())).hasSize(1);
  }

  @Test
  void theRealServersScheduleActionStartsTheTargetUnderItsFixedIdAndSkipsWhileItRuns() {
    TaskId task = Fixtures.taskId();
    temporal.taskSteps.requireApproval(task);
    StartRequestPayload request =
        (StartRequestPayload)
            Inputs.startRequest(
                "task-" + task, new WorkflowInput.TaskExecution(Fixtures.tenantId(), task));

    boolean first = action("pipeline-schedule-a-" + task).start(request);
    boolean second = action("pipeline-schedule-b-" + task).start(request);

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(temporal.engine.describe("task-" + task).state()).isEqualTo(WorkflowState.RUNNING);
    temporal.engine.cancel("task-" + task);
  }

  private ScheduledStartWorkflow action(String id) {
    return temporal
        .connection
        .client()
        .newWorkflowStub(
            ScheduledStartWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(TestDefinitions.ORCHESTRATION)
                .build());
  }
}
