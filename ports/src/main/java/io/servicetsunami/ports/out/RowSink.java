package io.servicetsunami.ports.out;

import io.servicetsunami.ports.model.Column;
import java.util.List;

/**
 * Receives a table's rows as they are read, so that no table is ever held in memory whole. Values
 * are JDK types matching {@link Column.ColumnType}: String, Long, Double, BigDecimal, Boolean,
 * LocalDate, Instant, byte[], or a JSON string; {@code null} for SQL NULL.
 */
public interface RowSink {

  /** Called once, before the first row. */
  void begin(List<Column> columns);

  /** One row, values in column order. */
  void accept(List<Object> row);
}
