package io.servicetsunami.adapters.duckdb;

import io.servicetsunami.ports.out.LakehouseNames;

/**
 * Names as SQL: a name checked by {@link LakehouseNames} is written as a DuckDB quoted identifier,
 * its double quotes doubled, so whatever it holds it stays one identifier.
 */
final class Identifiers {

  private Identifiers() {}

  /** {@code name} as a DuckDB quoted identifier. Only ever called on checked names. */
  static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
