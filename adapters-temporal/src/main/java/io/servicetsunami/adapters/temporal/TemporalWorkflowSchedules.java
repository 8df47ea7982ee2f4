package io.servicetsunami.adapters.temporal;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.adapters.temporal.workflow.Inputs;
import io.servicetsunami.adapters.temporal.workflow.ScheduledStartWorkflow;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.WorkflowDefinition;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.WorkflowSchedules;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import java.util.List;
import java.util.Map;

/**
 * {@link WorkflowSchedules} on a real Temporal server, through its Schedules API: create or update
 * (so ensure at every start-up is safe), pause and resume through the spec's {@code paused} flag,
 * trigger now, delete; overlap policy skip.
 *
 * <p>The schedule's action is {@code ServiceTsunamiScheduledStart}, which starts the target under
 * its own fixed id through the engine (see {@code ScheduledStartWorkflow}): a schedule's direct
 * action would add a timestamp to the id, and a manual run of the same pipeline would no longer see
 * the scheduled one. So both backends behave alike: one open run per target id, a fire while it
 * runs is skipped.
 *
 * <p>Not tested against a real server here: none can be obtained offline (reference/temporal.md
 * §3), and the embedded server answers the Schedules API with UNIMPLEMENTED. {@code
 * TemporalWorkflowSchedulesTest} checks what is built and that the embedded server indeed refuses
 * it; the fallback {@link TimerLoopWorkflowSchedules} is tested for real.
 */
public final class TemporalWorkflowSchedules implements WorkflowSchedules {

  private final ScheduleClient schedules;
  private final Map<WorkflowType, WorkflowDefinition> definitions;

  TemporalWorkflowSchedules(
      ScheduleClient schedules, Map<WorkflowType, WorkflowDefinition> definitions) {
    this.schedules = requireNonNull(schedules, "schedules is null");
    this.definitions = Map.copyOf(requireNonNull(definitions, "definitions is null"));
  }

  @Override
  public void ensure(String scheduleId, Schedule schedule, String workflowId, WorkflowInput input) {
    io.temporal.client.schedules.Schedule wanted =
        toTemporal(scheduleId, schedule, workflowId, input);
    try {
      try {
        schedules.createSchedule(scheduleId, wanted, ScheduleOptions.newBuilder().build());
        return;
      } catch (ScheduleAlreadyRunningException exists) {
        // Update below.
      }
      ScheduleHandle handle = schedules.getHandle(scheduleId);
      handle.update(current -> new ScheduleUpdate(wanted));
      boolean paused = handle.describe().getSchedule().getState().isPaused();
      if (paused != schedule.paused()) {
        if (schedule.paused()) {
          handle.pause();
        } else {
          handle.unpause();
        }
      }
    } catch (RuntimeException e) {
      throw EngineErrors.translate(scheduleId, e);
    }
  }

  @Override
  public void triggerNow(String scheduleId) {
    try {
      schedules.getHandle(scheduleId).trigger(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    } catch (RuntimeException e) {
      if (EngineErrors.isNotFound(e)) {
        throw new NotFoundException(ErrorCode.WORKFLOW_NOT_FOUND, "no schedule " + scheduleId, e);
      }
      throw EngineErrors.translate(scheduleId, e);
    }
  }

  @Override
  public void delete(String scheduleId) {
    try {
      schedules.getHandle(scheduleId).delete();
    } catch (RuntimeException e) {
      if (!EngineErrors.isNotFound(e)) {
        throw EngineErrors.translate(scheduleId, e);
      }
    }
  }

  /** The Temporal schedule for the port's schedule: spec, skip policy, paused state, action. */
  io.temporal.client.schedules.Schedule toTemporal(
      String scheduleId, Schedule schedule, String workflowId, WorkflowInput input) {
    ScheduleSpec.Builder spec = ScheduleSpec.newBuilder();
    if (schedule instanceof Schedule.Cron cron) {
      spec.setCronExpressions(List.of(cron.expression().strip()));
    } else if (schedule instanceof Schedule.Interval interval) {
      spec.setIntervals(List.of(new ScheduleIntervalSpec(interval.every())));
    }
    return io.temporal.client.schedules.Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(ScheduledStartWorkflow.TYPE)
                .setArguments(Inputs.startRequest(workflowId, input))
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(scheduleId + "-start")
                        .setTaskQueue(definitions.get(input.type()).taskQueue())
                        .build())
                .build())
        .setSpec(spec.build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .build())
        .setState(ScheduleState.newBuilder().setPaused(schedule.paused()).build())
        .build();
  }
}
