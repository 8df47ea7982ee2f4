package io.servicetsunami.ports.model;

/** File formats a dataset can be uploaded in. */
public enum DatasetFormat implements WireEnum {
  CSV,
  JSON,
  PARQUET;

  public static DatasetFormat fromWire(String wire) {
    return WireEnum.parse(DatasetFormat.class, wire);
  }
}
