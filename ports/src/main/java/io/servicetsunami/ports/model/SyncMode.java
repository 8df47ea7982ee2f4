package io.servicetsunami.ports.model;

/** Whether a table is extracted whole or only past its watermark. */
public enum SyncMode implements WireEnum {
  FULL,
  INCREMENTAL;

  public static SyncMode fromWire(String wire) {
    return WireEnum.parse(SyncMode.class, wire);
  }
}
