package io.servicetsunami.ports.model;

/** The external sources a connector pipeline can extract from. */
public enum ConnectorType implements WireEnum {
  POSTGRESQL,
  SNOWFLAKE,
  BIGQUERY;

  public static ConnectorType fromWire(String wire) {
    return WireEnum.parse(ConnectorType.class, wire);
  }
}
