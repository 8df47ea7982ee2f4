package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * Sleeps until the next fire time (or until an update or a trigger arrives), starts the target
 * through the {@code start_scheduled_workflow} activity, counts started and skipped fires, and
 * continues as new now and then so its history stays short. A paused schedule waits for an update
 * or a trigger only. Signals that arrive while a fire is in flight are handled after it, never
 * lost: the loop continues as new only with no signal pending.
 */
final class ScheduleLoopWorkflowImpl implements ScheduleLoopWorkflow {

  /** Continue as new after this many events; well below Temporal's 10k warning. */
  static final int HISTORY_LIMIT = 1_000;

  /**
   * Starting a workflow is one quick call to the engine; retried briefly, then the fire is lost.
   */
  static final ActivityOptions START_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setMaximumAttempts(3)
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .build())
          .build();

  private final SchedulingActivities scheduling =
      Workflow.newActivityStub(SchedulingActivities.class, START_OPTIONS);
  private ScheduleLoopPayload state;
  private ScheduleLoopPayload pendingUpdate;
  private int pendingTriggers;

  @Override
  public void run(ScheduleLoopPayload initial) {
    state = initial;
    while (true) {
      if (pendingUpdate != null) {
        state = state.withSpec(pendingUpdate);
        pendingUpdate = null;
      }
      boolean timerFired = false;
      if (pendingTriggers == 0) {
        if (state.schedule().paused()) {
          Workflow.await(() -> pendingUpdate != null || pendingTriggers > 0);
        } else {
          Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
          Duration wait = Duration.between(now, NextFire.after(state.schedule(), now));
          timerFired = !Workflow.await(wait, () -> pendingUpdate != null || pendingTriggers > 0);
        }
      }
      if (pendingUpdate != null && !timerFired) {
        continue; // the new spec decides when to fire next
      }
      if (!timerFired) {
        pendingTriggers--;
      }
      fire();
      if (pendingUpdate == null
          && pendingTriggers == 0
          && (Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT
              || Workflow.getInfo().isContinueAsNewSuggested())) {
        Workflow.continueAsNew(state);
      }
    }
  }

  private void fire() {
    Boolean started;
    try {
      started = scheduling.startScheduledWorkflow(state.target());
    } catch (ActivityFailure failure) {
      Workflow.getLogger(ScheduleLoopWorkflowImpl.class)
          .warn("schedule {} could not start its workflow", state.scheduleId());
      started = null;
    }
    state = state.counting(started);
  }

  @Override
  public void update(ScheduleLoopPayload next) {
    pendingUpdate = next;
  }

  @Override
  public void trigger() {
    pendingTriggers++;
  }

  @Override
  public ScheduleLoopPayload state() {
    return state;
  }
}
