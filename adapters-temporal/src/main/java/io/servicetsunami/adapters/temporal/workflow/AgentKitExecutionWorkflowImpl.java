package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.model.WorkflowDefinition;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;

/** Executes the kit, then closes the run with its output, or as failed when the kit failed. */
final class AgentKitExecutionWorkflowImpl implements AgentKitExecutionWorkflow {

  static final String EXECUTE = "execute_agent_kit_activity";
  static final String FINISH = "finish_run";

  static final List<String> STEPS = List.of(EXECUTE);
  static final List<String> AUXILIARY = List.of(FINISH);

  private final DataSyncActivities activities;

  AgentKitExecutionWorkflowImpl(WorkflowDefinition definition) {
    this.activities = StepOptions.stub(DataSyncActivities.class, definition);
  }

  @Override
  public Map<String, Object> execute(AgentKitPayload input) {
    Map<String, Object> output;
    try {
      output = activities.executeAgentKit(input.tenantId(), input.pipelineId(), input.runId());
    } catch (ActivityFailure failure) {
      DataWorkflows.finishFailed(
          activities, input.tenantId(), input.runId(), Failures.reason(EXECUTE, failure));
      throw Failures.workflowFailure(EXECUTE, failure);
    } catch (CanceledFailure cancelled) {
      Workflow.newDetachedCancellationScope(
              () ->
                  DataWorkflows.finishFailed(
                      activities, input.tenantId(), input.runId(), "agent kit cancelled"))
          .run();
      throw cancelled;
    }
    try {
      activities.finishRun(input.tenantId(), input.runId(), null, output);
    } catch (ActivityFailure failure) {
      throw Failures.workflowFailure(FINISH, failure);
    }
    return output;
  }
}
