package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The five-step agent task pipeline with a durable human approval: a task that reaches {@code
 * waiting_input} waits for the {@code approve} or {@code reject} signal (or its optional expiry)
 * inside the workflow, so the wait survives restarts of every worker.
 */
@WorkflowInterface
public interface TaskExecutionWorkflow {

  @WorkflowMethod(name = "TaskExecutionWorkflow")
  TaskOutcomePayload execute(TaskExecutionPayload input);

  @SignalMethod(name = Inputs.APPROVE_SIGNAL)
  void approve(ApprovePayload approval);

  @SignalMethod(name = Inputs.REJECT_SIGNAL)
  void reject(RejectPayload rejection);

  /** The step running now, {@code waiting_approval} while it waits, or {@code finished}. */
  @QueryMethod(name = "current_step")
  String currentStep();
}
