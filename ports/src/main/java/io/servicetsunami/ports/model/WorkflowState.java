package io.servicetsunami.ports.model;

/** The lifecycle state of one workflow run, as a workflow engine reports it. */
public enum WorkflowState implements WireEnum {
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  TERMINATED,
  TIMED_OUT;

  public boolean isClosed() {
    return this != RUNNING;
  }
}
