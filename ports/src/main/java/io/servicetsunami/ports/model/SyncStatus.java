package io.servicetsunami.ports.model;

/** Whether a dataset has reached the lakehouse. */
public enum SyncStatus implements WireEnum {
  PENDING,
  SYNCING,
  SYNCED,
  FAILED;

  public static SyncStatus fromWire(String wire) {
    return WireEnum.parse(SyncStatus.class, wire);
  }
}
