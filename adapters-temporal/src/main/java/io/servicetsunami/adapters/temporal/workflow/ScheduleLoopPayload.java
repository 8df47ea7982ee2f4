package io.servicetsunami.adapters.temporal.workflow;

/**
 * The state of a timer-loop schedule, carried across continue-as-new: its spec, its target and how
 * often it started the target or skipped because the target was still running.
 */
public record ScheduleLoopPayload(
    String scheduleId,
    SchedulePayload schedule,
    StartRequestPayload target,
    long started,
    long skipped,
    long failed) {

  ScheduleLoopPayload withSpec(ScheduleLoopPayload update) {
    return new ScheduleLoopPayload(
        scheduleId, update.schedule(), update.target(), started, skipped, failed);
  }

  ScheduleLoopPayload counting(Boolean startedNow) {
    if (startedNow == null) {
      return new ScheduleLoopPayload(scheduleId, schedule, target, started, skipped, failed + 1);
    }
    return startedNow
        ? new ScheduleLoopPayload(scheduleId, schedule, target, started + 1, skipped, failed)
        : new ScheduleLoopPayload(scheduleId, schedule, target, started, skipped + 1, failed);
  }
}
