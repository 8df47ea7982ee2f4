package io.servicetsunami.adapters.temporal;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.adapters.temporal.workflow.Inputs;
import io.servicetsunami.adapters.temporal.workflow.NextFire;
import io.servicetsunami.adapters.temporal.workflow.ScheduleLoopWorkflow;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.WorkflowDefinition;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.WorkflowSchedules;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.Map;

/**
 * {@link WorkflowSchedules} for servers without the Schedules API — the embedded server. Each
 * schedule is a durable timer-loop workflow ({@code ServiceTsunamiScheduleLoop}) whose workflow id
 * is the schedule id, on the target's task queue: it sleeps until the next fire time (five-field
 * UTC cron, or an epoch-aligned interval), then starts the target through the engine, which skips
 * the fire while the target still runs (overlap policy "skip"). A paused schedule only waits.
 *
 * <p>Ensure is one signal-with-start: it starts the loop or hands the running loop its new spec and
 * target, so calling it again at every start-up — as the app does, because the embedded server
 * forgets everything when the process ends — never makes a second loop. Trigger-now is a signal;
 * delete terminates the loop and leaves the workflows it started running.
 */
public final class TimerLoopWorkflowSchedules implements WorkflowSchedules {

  private final WorkflowClient client;
  private final Map<WorkflowType, WorkflowDefinition> definitions;

  TimerLoopWorkflowSchedules(
      WorkflowClient client, Map<WorkflowType, WorkflowDefinition> definitions) {
    this.client = requireNonNull(client, "client is null");
    this.definitions = Map.copyOf(requireNonNull(definitions, "definitions is null"));
  }

  @Override
  public void ensure(String scheduleId, Schedule schedule, String workflowId, WorkflowInput input) {
    requireNonNull(scheduleId, "scheduleId is null");
    requireNonNull(schedule, "schedule is null");
    requireNonNull(workflowId, "workflowId is null");
    requireNonNull(input, "input is null");
    if (schedule instanceof Schedule.Cron cron) {
      try {
        NextFire.requireValidCron(cron.expression());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            ErrorCode.INVALID_INPUT, "not a cron expression: " + cron.expression(), e);
      }
    }
    WorkflowStub loop =
        client.newUntypedWorkflowStub(
            ScheduleLoopWorkflow.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(scheduleId)
                .setTaskQueue(definitions.get(input.type()).taskQueue())
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    Object state = Inputs.scheduleLoop(scheduleId, schedule, workflowId, input);
    try {
      loop.signalWithStart(
          ScheduleLoopWorkflow.UPDATE_SIGNAL, new Object[] {state}, new Object[] {state});
    } catch (RuntimeException e) {
      throw EngineErrors.translate(scheduleId, e);
    }
  }

  @Override
  public void triggerNow(String scheduleId) {
    requireNonNull(scheduleId, "scheduleId is null");
    try {
      client.newUntypedWorkflowStub(scheduleId).signal(ScheduleLoopWorkflow.TRIGGER_SIGNAL);
    } catch (RuntimeException e) {
      if (EngineErrors.isNotFound(e)) {
        throw new io.servicetsunami.ports.error.NotFoundException(
            ErrorCode.WORKFLOW_NOT_FOUND, "no schedule " + scheduleId, e);
      }
      throw EngineErrors.translate(scheduleId, e);
    }
  }

  @Override
  public void delete(String scheduleId) {
    requireNonNull(scheduleId, "scheduleId is null");
    try {
      client.newUntypedWorkflowStub(scheduleId).terminate("schedule deleted");
    } catch (RuntimeException e) {
      if (!EngineErrors.isNotFound(e)) {
        throw EngineErrors.translate(scheduleId, e);
      }
    }
  }
}
