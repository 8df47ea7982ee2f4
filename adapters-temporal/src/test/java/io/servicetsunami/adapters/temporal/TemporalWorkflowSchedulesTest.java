package io.servicetsunami.adapters.temporal;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.adapters.temporal.workflow.ScheduledStartWorkflow;
import io.servicetsunami.adapters.temporal.workflow.StartRequestPayload;
import io.servicetsunami.adapters.temporal.workflow.TestDefinitions;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.testing.Fixtures;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Schedules-API implementation. A real Temporal server cannot be had offline (no binary on
 * Maven Central, Debian or npm; reference/temporal.md §3), so this checks what would be sent, that
 * the embedded server refuses it (which is why the embedded mode uses the timer loop), and runs the
 * schedule's action workflow for real.
 */
class TemporalWorkflowSchedulesTest {

  private final WorkflowInput input =
      new WorkflowInput.KnowledgeExtraction(
          Fixtures.tenantId(), new ChatSessionId(UUID.randomUUID()));
  private final TemporalWorkflowSchedules schedules =
      new TemporalWorkflowSchedules(
          ScheduleClient.newInstance(SharedEmbeddedTemporal.get().connection.stubs()),
          TestDefinitions.all());

  @Test
  void aCronScheduleSkipsOverlapsAndStartsTheTargetUnderItsFixedId() {
    io.temporal.client.schedules.Schedule built =
        schedules.toTemporal(
            "pipeline-schedule-p", new Schedule.Cron("0 3 * * *", true), "target-id", input);

    assertThat(built.getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    assertThat(built.getSpec().getCronExpressions()).containsExactly("0 3 * * *");
    assertThat(built.getState().isPaused()).isTrue();
    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) built.getAction();
    assertThat(action.getWorkflowType()).isEqualTo(ScheduledStartWorkflow.TYPE);
    assertThat(action.getOptions().getTaskQueue()).isEqualTo(TestDefinitions.DATABRICKS);
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("pipeline-schedule-p-start");
    assertThat(action.getArguments().get(0, StartRequestPayload.class).workflowId())
        .isEqualTo("target-id");
  }

  @Test
  void anIntervalScheduleUsesAnIntervalSpec() {
    io.temporal.client.schedules.Schedule built =
        schedules.toTemporal(
            "pipeline-schedule-p",
            new Schedule.Interval(Duration.ofMinutes(15), false),
            "t",
            input);

    assertThat(built.getSpec().getIntervals())
        .extracting(ScheduleIntervalSpec::getEvery)
        .containsExactly(Duration.ofMinutes(15));
    assertThat(built.getState().isPaused()).isFalse();
  }

  @Test
  void theEmbeddedServerHasNoSchedulesApi() {
    assertPortError(
        TransientException.class,
        ErrorCode.WORKFLOW_ENGINE_UNAVAILABLE,
        () ->
            schedules.ensure(
                "pipeline-schedule-" + UUID.randomUUID(),
                new Schedule.Interval(Duration.ofMinutes(1), false),
                "t",
                input));
  }
}
