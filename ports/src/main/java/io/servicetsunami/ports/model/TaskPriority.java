package io.servicetsunami.ports.model;

/** How urgent a task is, as the submitter judged it. */
public enum TaskPriority implements WireEnum {
  LOW,
  NORMAL,
  HIGH,
  CRITICAL;

  public static TaskPriority fromWire(String wire) {
    return WireEnum.parse(TaskPriority.class, wire);
  }
}
