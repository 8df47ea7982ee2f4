package io.servicetsunami.adapters.databricks;

import io.servicetsunami.ports.out.LakehouseNames;

/**
 * Names as SQL: a name checked by {@link LakehouseNames} is written as a Databricks back-quoted
 * identifier, its back quotes doubled, so whatever it holds it stays one identifier. Delta refuses
 * spaces and {@code ,;{}()=} in column names unless the table uses column mapping, so every table
 * this adapter creates is created with {@code 'delta.columnMapping.mode' = 'name'}.
 */
final class Identifiers {

  private Identifiers() {}

  /** {@code name} as a Databricks back-quoted identifier. Only ever called on checked names. */
  static String quote(String name) {
    return '`' + name.replace("`", "``") + '`';
  }
}
