package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;

/** Runs one agent-kit pipeline run. */
@WorkflowInterface
public interface AgentKitExecutionWorkflow {

  /** Returns the kit's output ({@code task_ids}). */
  @WorkflowMethod(name = "AgentKitExecutionWorkflow")
  Map<String, Object> execute(AgentKitPayload input);
}
