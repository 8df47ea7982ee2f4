package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.out.WorkflowSchedules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link WorkflowSchedules} over an {@link InMemoryWorkflowEngine}. Time does not pass by itself: a
 * test fires a schedule with {@link #fire}, as its trigger would. A trigger while the schedule's
 * workflow still runs is skipped, never queued.
 */
public final class InMemoryWorkflowSchedules implements WorkflowSchedules {

  /** A schedule as ensured. */
  public record ScheduledWorkflow(
      String scheduleId, Schedule schedule, String workflowId, WorkflowInput input) {}

  private final InMemoryWorkflowEngine engine;
  private final Map<String, ScheduledWorkflow> schedules = new LinkedHashMap<>();

  public InMemoryWorkflowSchedules(InMemoryWorkflowEngine engine) {
    this.engine = requireNonNull(engine, "engine is null");
  }

  @Override
  public synchronized void ensure(
      String scheduleId, Schedule schedule, String workflowId, WorkflowInput input) {
    requireNonNull(scheduleId, "scheduleId is null");
    schedules.put(scheduleId, new ScheduledWorkflow(scheduleId, schedule, workflowId, input));
  }

  @Override
  public void triggerNow(String scheduleId) {
    ScheduledWorkflow scheduled =
        schedule(scheduleId)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.WORKFLOW_NOT_FOUND, "no schedule " + scheduleId));
    startUnlessRunning(scheduled);
  }

  @Override
  public synchronized void delete(String scheduleId) {
    schedules.remove(scheduleId);
  }

  // ---- test helpers ----------------------------------------------------------------------------

  public synchronized Optional<ScheduledWorkflow> schedule(String scheduleId) {
    return Optional.ofNullable(schedules.get(scheduleId));
  }

  public synchronized Set<String> scheduleIds() {
    return Set.copyOf(schedules.keySet());
  }

  /**
   * Fires the schedule as its own trigger would: nothing if it is paused, skipped if its workflow
   * still runs. Returns whether a workflow was started.
   */
  public boolean fire(String scheduleId) {
    ScheduledWorkflow scheduled =
        schedule(scheduleId)
            .orElseThrow(() -> new IllegalStateException("no schedule " + scheduleId));
    return !scheduled.schedule().paused() && startUnlessRunning(scheduled);
  }

  private boolean startUnlessRunning(ScheduledWorkflow scheduled) {
    return !engine.start(scheduled.workflowId(), scheduled.input()).alreadyRunning();
  }
}
