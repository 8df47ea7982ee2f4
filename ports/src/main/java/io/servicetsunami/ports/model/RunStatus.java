package io.servicetsunami.ports.model;

/** The state of one pipeline run. */
public enum RunStatus implements WireEnum {
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  public boolean isTerminal() {
    return this != RUNNING;
  }

  public static RunStatus fromWire(String wire) {
    return WireEnum.parse(RunStatus.class, wire);
  }
}
