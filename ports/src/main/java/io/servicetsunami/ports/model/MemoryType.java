package io.servicetsunami.ports.model;

/** What kind of thing an agent remembers. */
public enum MemoryType implements WireEnum {
  FACT,
  EXPERIENCE,
  SKILL,
  PREFERENCE;

  public static MemoryType fromWire(String wire) {
    return WireEnum.parse(MemoryType.class, wire);
  }
}
