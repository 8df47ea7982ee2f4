package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

/** A column of a table moving through the lakehouse. */
public record Column(String name, ColumnType type) {

  public Column {
    requireText(name, "name");
    requireNonNull(type, "type is null");
  }

  /** Portable column types; each lakehouse and connector maps its own types onto these. */
  public enum ColumnType implements WireEnum {
    STRING,
    LONG,
    DOUBLE,
    DECIMAL,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    BYTES,
    JSON
  }
}
