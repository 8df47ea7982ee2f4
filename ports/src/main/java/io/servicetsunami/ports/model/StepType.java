package io.servicetsunami.ports.model;

/** What an execution trace records; the task timeline picks its icon by this value. */
public enum StepType implements WireEnum {
  DISPATCHED,
  MEMORY_RECALL,
  EXECUTING,
  ENTITY_PERSIST,
  SKILL_CALL,
  COMPLETED,
  FAILED;

  public static StepType fromWire(String wire) {
    return WireEnum.parse(StepType.class, wire);
  }
}
