package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;

/**
 * A started workflow.
 *
 * @param runId the engine's id of this run of the workflow id
 * @param alreadyRunning true when the start found the workflow id already running and returned that
 *     run instead of starting a second
 */
public record WorkflowRun(String workflowId, String runId, boolean alreadyRunning) {

  public WorkflowRun {
    requireText(workflowId, "workflowId");
    requireText(runId, "runId");
  }
}
