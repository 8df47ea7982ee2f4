package io.servicetsunami.ports.model;

/**
 * Where an agent task is in its life: {@code queued → thinking → executing → waiting_input →
 * completed | failed}. Which moves are legal is decided by the core's task state machine.
 */
public enum TaskStatus implements WireEnum {
  QUEUED,
  THINKING,
  EXECUTING,
  WAITING_INPUT,
  COMPLETED,
  FAILED;

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED;
  }

  public static TaskStatus fromWire(String wire) {
    return WireEnum.parse(TaskStatus.class, wire);
  }
}
