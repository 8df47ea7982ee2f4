package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.WorkflowInput;

/**
 * Starts workflows on a schedule. A trigger while the previous run of the same schedule is still
 * running is skipped, never queued.
 */
public interface WorkflowSchedules {

  /**
   * Creates the schedule or updates it to {@code schedule}; each trigger starts {@code input} under
   * {@code workflowId}. Idempotent; called again at start-up for every scheduled pipeline.
   */
  void ensure(String scheduleId, Schedule schedule, String workflowId, WorkflowInput input);

  /**
   * Starts the scheduled workflow now, outside the schedule (still skipped if it is running).
   *
   * @throws NotFoundException {@code workflow_not_found} if there is no such schedule
   */
  void triggerNow(String scheduleId);

  /** Deletes the schedule; running workflows it started go on. Idempotent. */
  void delete(String scheduleId);
}
