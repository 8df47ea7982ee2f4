package io.servicetsunami.ports.testing;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.WorkflowInput;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryWorkflowSchedulesTest {

  private final InMemoryWorkflowEngine engine = new InMemoryWorkflowEngine();
  private final InMemoryWorkflowSchedules schedules = new InMemoryWorkflowSchedules(engine);
  private final TenantId tenant = Fixtures.tenantId();
  private final PipelineId pipeline = Fixtures.pipelineId();
  private final WorkflowInput input =
      new WorkflowInput.ScheduledSync(tenant, pipeline, Optional.empty());
  private final String workflowId = "scheduled-sync-" + pipeline;

  @Test
  void ensureCreatesThenUpdatesTheSchedule() {
    schedules.ensure("sync-" + pipeline, new Schedule.Cron("0 3 * * *", false), workflowId, input);
    Schedule hourly = new Schedule.Interval(Duration.ofHours(1), false);

    schedules.ensure("sync-" + pipeline, hourly, workflowId, input);

    assertThat(schedules.scheduleIds()).containsExactly("sync-" + pipeline);
    assertThat(schedules.schedule("sync-" + pipeline).orElseThrow().schedule()).isEqualTo(hourly);
  }

  @Test
  void firingStartsTheWorkflowAndSkipsWhileItRuns() {
    schedules.ensure("s", new Schedule.Cron("*/5 * * * *", false), workflowId, input);

    assertThat(schedules.fire("s")).isTrue();
    assertThat(schedules.fire("s")).isFalse();
    engine.complete(workflowId);
    assertThat(schedules.fire("s")).isTrue();

    assertThat(engine.started()).hasSize(2);
  }

  @Test
  void pausedScheduleDoesNotFireButCanBeTriggeredNow() {
    schedules.ensure("s", new Schedule.Interval(Duration.ofMinutes(10), true), workflowId, input);

    assertThat(schedules.fire("s")).isFalse();
    schedules.triggerNow("s");

    assertThat(engine.isRunning(workflowId)).isTrue();
    assertThat(engine.inputOf(workflowId)).isEqualTo(input);
  }

  @Test
  void triggerNowWhileRunningIsSkipped() {
    schedules.ensure("s", new Schedule.Cron("0 * * * *", false), workflowId, input);
    schedules.triggerNow("s");

    schedules.triggerNow("s");

    assertThat(engine.started()).hasSize(1);
  }

  @Test
  void triggeringAnUnknownScheduleIsNotFound() {
    assertPortError(
        NotFoundException.class, ErrorCode.WORKFLOW_NOT_FOUND, () -> schedules.triggerNow("nope"));
  }

  @Test
  void deleteIsIdempotentAndLeavesRunningWorkflowsAlone() {
    schedules.ensure("s", new Schedule.Cron("0 * * * *", false), workflowId, input);
    schedules.triggerNow("s");

    schedules.delete("s");
    schedules.delete("s");

    assertThat(schedules.scheduleIds()).isEmpty();
    assertThat(engine.isRunning(workflowId)).isTrue();
  }
}
