package io.servicetsunami.adapters.temporal;

import io.servicetsunami.ports.contract.WorkflowEngineContract;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.out.WorkflowEngine;
import io.servicetsunami.ports.testing.Fixtures;

/**
 * The engine contract on the embedded server, with real workers: the long-running workflow is a
 * task that waits for approval.
 */
class TemporalWorkflowEngineContractTest implements WorkflowEngineContract {

  private final SharedEmbeddedTemporal temporal = SharedEmbeddedTemporal.get();

  @Override
  public WorkflowEngine engine() {
    return temporal.engine;
  }

  @Override
  public WorkflowInput longRunningInput() {
    TaskId task = Fixtures.taskId();
    temporal.taskSteps.requireApproval(task);
    return new WorkflowInput.TaskExecution(Fixtures.tenantId(), task);
  }
}
