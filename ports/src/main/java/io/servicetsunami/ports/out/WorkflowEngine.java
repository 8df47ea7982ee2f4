package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.WorkflowDescription;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowRun;
import io.servicetsunami.ports.model.WorkflowSignal;

/**
 * Runs the core's workflow definitions durably. Every method may throw {@link TransientException}
 * ({@code workflow_engine_unavailable}) when the engine cannot be reached.
 */
public interface WorkflowEngine {

  /**
   * Starts the workflow {@code input.type()} under {@code workflowId}. Idempotent: if a workflow
   * with this id is already running, returns that run ({@link WorkflowRun#alreadyRunning()}) and
   * starts nothing.
   */
  WorkflowRun start(String workflowId, WorkflowInput input);

  /**
   * Delivers a signal to the running workflow. Delivery is durable: the workflow receives it even
   * if its workers are down now.
   *
   * @throws NotFoundException {@code workflow_not_found} if no workflow with this id is running
   */
  void signal(String workflowId, WorkflowSignal signal);

  /**
   * The latest run of the workflow id.
   *
   * @throws NotFoundException {@code workflow_not_found} if the engine has no such workflow
   */
  WorkflowDescription describe(String workflowId);

  /**
   * Asks the running workflow to cancel. Idempotent: a closed or unknown workflow is left alone.
   */
  void cancel(String workflowId);
}
