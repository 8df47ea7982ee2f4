package io.servicetsunami.adapters.duckdb;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.out.RowSink;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Stages the rows of one load: it holds at most {@code batchRows} converted rows and appends each
 * full batch to the load's staging table with DuckDB's appender, so a table of any size passes
 * through in bounded memory.
 *
 * <p>{@link RowSink} has no end-of-rows call, so the last, partial batch stays here until {@link
 * DuckDbLakehouse#commitToBronze} asks for it ({@link #finish}). The lakehouse keeps every open
 * sink of the process for that, and records each load's staging as {@code open} until then; a
 * commit that finds a load {@code open} without its sink (the process stopped in between) refuses
 * it rather than commit a load whose last rows were lost.
 *
 * <p>Thread-safe: the connector calls it from its thread while a commit may finish it from another.
 * Its monitor is taken before the table's lock, never after.
 */
final class DuckDbStagingSink implements RowSink {

  private enum State {
    NEW,
    RECEIVING,
    FINISHED,
    DISCARDED
  }

  /** Decimals are stored as DECIMAL(38, 18): the scale every value is brought to. */
  static final int DECIMAL_SCALE = 18;

  private final DuckDbLakehouse lakehouse;
  private final DuckDbLakehouse.Staging staging;
  private final int batchRows;
  private final List<Object[]> batch = new ArrayList<>();
  private List<Column> columns = List.of();
  private State state = State.NEW;
  private long staged;

  DuckDbStagingSink(DuckDbLakehouse lakehouse, DuckDbLakehouse.Staging staging, int batchRows) {
    this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    this.staging = requireNonNull(staging, "staging is null");
    this.batchRows = batchRows;
  }

  @Override
  public synchronized void begin(List<Column> columns) {
    requireNonNull(columns, "columns is null");
    requireState(State.NEW, "begin may be called once, before the first row");
    Identifiers.columns(columns.stream().map(Column::name).toList());
    lakehouse.createStagingTable(staging, columns);
    this.columns = List.copyOf(columns);
    state = State.RECEIVING;
  }

  @Override
  public synchronized void accept(List<Object> row) {
    requireNonNull(row, "row is null");
    requireState(State.RECEIVING, "rows are accepted after begin and before the commit");
    if (row.size() != columns.size()) {
      throw new IllegalArgumentException(
          "row has " + row.size() + " values for " + columns.size() + " columns");
    }
    Object[] values = new Object[row.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = convert(columns.get(i), row.get(i));
    }
    batch.add(values);
    if (batch.size() >= batchRows) {
      flush();
    }
  }

  /**
   * Appends the last rows and closes the sink to further rows. Returns whether the sink received
   * its columns, i.e. whether there is a staging table to commit.
   */
  synchronized boolean finish() {
    if (state == State.RECEIVING) {
      flush();
      state = State.FINISHED;
    }
    return state == State.FINISHED;
  }

  /** Forgets the staged rows: the load was staged again, or the lakehouse closed. */
  synchronized void discard() {
    batch.clear();
    state = State.DISCARDED;
  }

  synchronized long staged() {
    return staged + batch.size();
  }

  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    lakehouse.appendStaged(staging, batch);
    staged += batch.size();
    batch.clear();
  }

  private void requireState(State expected, String rule) {
    if (state == State.DISCARDED) {
      throw new IllegalStateException(
          "staging of load " + staging.loadId() + " was discarded: the load was staged again");
    }
    if (state != expected) {
      throw new IllegalStateException(
          "staging of load " + staging.loadId() + " is " + state + ": " + rule);
    }
  }

  /** The value as the appender takes it, checked against the column's type. */
  static Object convert(Column column, Object value) {
    if (value == null) {
      return null;
    }
    ColumnType type = column.type();
    Object converted =
        switch (type) {
          case STRING, JSON -> value instanceof CharSequence text ? text.toString() : null;
          case LONG ->
              value instanceof Long
                      || value instanceof Integer
                      || value instanceof Short
                      || value instanceof Byte
                  ? ((Number) value).longValue()
                  : null;
          case DOUBLE -> value instanceof Number number ? number.doubleValue() : null;
          case DECIMAL -> decimal(value);
          case BOOLEAN -> value instanceof Boolean ? value : null;
          case DATE -> value instanceof LocalDate ? value : null;
          case TIMESTAMP ->
              value instanceof Instant instant
                  ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
                  : value instanceof OffsetDateTime odt ? odt : null;
          case BYTES -> value instanceof byte[] ? value : null;
        };
    if (converted == null) {
      throw new IllegalArgumentException(
          "column "
              + Identifiers.printable(column.name())
              + " is "
              + type.wire()
              + " but the row holds a "
              + value.getClass().getSimpleName());
    }
    return converted;
  }

  private static BigDecimal decimal(Object value) {
    BigDecimal decimal;
    if (value instanceof BigDecimal d) {
      decimal = d;
    } else if (value instanceof BigInteger i) {
      decimal = new BigDecimal(i);
    } else if (value instanceof Long || value instanceof Integer) {
      decimal = BigDecimal.valueOf(((Number) value).longValue());
    } else {
      return null;
    }
    return decimal.setScale(DECIMAL_SCALE, RoundingMode.HALF_EVEN);
  }
}
