package io.servicetsunami.ports.model;

/** Who started a pipeline run. */
public enum TriggerSource implements WireEnum {
  MANUAL,
  SCHEDULE;

  public static TriggerSource fromWire(String wire) {
    return WireEnum.parse(TriggerSource.class, wire);
  }
}
