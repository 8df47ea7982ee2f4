package io.servicetsunami.ports.model;

/** How urgent a task is; higher priorities are listed and dispatched first. */
public enum TaskPriority implements WireEnum {
  LOW,
  NORMAL,
  HIGH,
  CRITICAL;

  public static TaskPriority fromWire(String wire) {
    return WireEnum.parse(TaskPriority.class, wire);
  }
}
