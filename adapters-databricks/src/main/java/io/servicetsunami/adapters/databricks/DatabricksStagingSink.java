package io.servicetsunami.adapters.databricks;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.out.LakehouseNames;
import io.servicetsunami.ports.out.RowSink;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stages the rows of one load into its staging table with batched {@code INSERT … VALUES}
 * statements whose values are named parameters. It holds at most one insert's worth of rows.
 *
 * <p>{@link RowSink} has no end-of-rows call, and on Databricks the commit may run in another
 * worker process than the extract, so the last, partial batch cannot simply wait for the commit.
 * The sink therefore keeps a marker next to its staging table: {@code streaming} while it may hold
 * rows not yet written, {@code idle} once no row has come for {@code idleFlush} and it has written
 * them all. A commit in this process finishes the sink directly; a commit elsewhere accepts an
 * {@code idle} load and answers a {@code streaming} one with {@code lakehouse_unavailable} (retry
 * later), so a load is never committed short. A row arriving after {@code idle} sets {@code
 * streaming} again before it is buffered.
 *
 * <p>Thread-safe: the connector's thread, the idle timer and a commit use its monitor.
 */
final class DatabricksStagingSink implements RowSink {

  private enum State {
    NEW,
    RECEIVING,
    FINISHED,
    DISCARDED
  }

  static final int DECIMAL_SCALE = 18;

  private final DatabricksLakehouse lakehouse;
  private final DatabricksLakehouse.Staging staging;
  private final int rowsPerInsert;
  private final int maxParameters;
  private final Duration idleFlush;
  private final ScheduledExecutorService timer;
  private final List<String[]> batch = new ArrayList<>();
  private List<Column> columns = List.of();
  private int rowsPerFlush;
  private State state = State.NEW;
  private long written;
  private boolean streaming = true; // openStaging wrote the marker
  private long lastRowNanos;
  private ScheduledFuture<?> idleCheck;
  private PortException failure;

  DatabricksStagingSink(
      DatabricksLakehouse lakehouse,
      DatabricksLakehouse.Staging staging,
      DatabricksSettings settings,
      ScheduledExecutorService timer) {
    this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    this.staging = requireNonNull(staging, "staging is null");
    this.rowsPerInsert = settings.rowsPerInsert();
    this.maxParameters = settings.maxParametersPerInsert();
    this.idleFlush = settings.idleFlush();
    this.timer = requireNonNull(timer, "timer is null");
  }

  @Override
  public synchronized void begin(List<Column> columns) {
    requireNonNull(columns, "columns is null");
    requireState(State.NEW, "begin may be called once, before the first row");
    LakehouseNames.columns(columns.stream().map(Column::name).toList());
    lakehouse.createStagingTable(staging, columns);
    this.columns = List.copyOf(columns);
    this.rowsPerFlush = Math.max(1, Math.min(rowsPerInsert, maxParameters / columns.size()));
    state = State.RECEIVING;
  }

  @Override
  public synchronized void accept(List<Object> row) {
    requireNonNull(row, "row is null");
    requireState(State.RECEIVING, "rows are accepted after begin and before the commit");
    if (failure != null) {
      throw failure;
    }
    if (row.size() != columns.size()) {
      throw new IllegalArgumentException(
          "row has " + row.size() + " values for " + columns.size() + " columns");
    }
    String[] values = new String[row.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = text(columns.get(i), row.get(i));
    }
    if (!streaming) {
      lakehouse.markStaging(staging, DatabricksLakehouse.STREAMING);
      streaming = true;
    }
    batch.add(values);
    lastRowNanos = System.nanoTime();
    if (batch.size() >= rowsPerFlush) {
      flush();
    }
    if (idleCheck == null) {
      idleCheck = timer.schedule(this::checkIdle, idleFlush.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Writes the last rows and closes the sink to further rows. Returns whether the sink received its
   * columns, i.e. whether there is a staging table to commit.
   */
  synchronized boolean finish() {
    if (failure != null) {
      throw failure;
    }
    if (state == State.RECEIVING) {
      cancelIdleCheck();
      flush();
      state = State.FINISHED;
    }
    return state == State.FINISHED;
  }

  /** Forgets the staged rows: the load was staged again, or the lakehouse closed. */
  synchronized void discard() {
    cancelIdleCheck();
    batch.clear();
    state = State.DISCARDED;
  }

  synchronized long written() {
    return written;
  }

  /** Runs on the timer: writes the last rows once no row has come for {@code idleFlush}. */
  private synchronized void checkIdle() {
    idleCheck = null;
    if (state != State.RECEIVING || failure != null) {
      return;
    }
    long quietMillis = (System.nanoTime() - lastRowNanos) / 1_000_000;
    if (quietMillis < idleFlush.toMillis()) {
      idleCheck =
          timer.schedule(
              this::checkIdle, idleFlush.toMillis() - quietMillis, TimeUnit.MILLISECONDS);
      return;
    }
    try {
      flush();
      if (streaming) {
        lakehouse.markStaging(staging, DatabricksLakehouse.IDLE);
        streaming = false;
      }
    } catch (PortException e) {
      failure = e; // reported to the connector's next row, or to the commit
    }
  }

  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    lakehouse.insertStaged(staging, columns, batch, written);
    written += batch.size();
    batch.clear();
  }

  private void cancelIdleCheck() {
    if (idleCheck != null) {
      idleCheck.cancel(false);
      idleCheck = null;
    }
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

  /** The value as the text of a parameter of the column's type (see {@link #parameterType}). */
  static String text(Column column, Object value) {
    if (value == null) {
      return null;
    }
    ColumnType type = column.type();
    String text =
        switch (type) {
          case STRING, JSON -> value instanceof CharSequence chars ? chars.toString() : null;
          case LONG ->
              value instanceof Long
                      || value instanceof Integer
                      || value instanceof Short
                      || value instanceof Byte
                  ? Long.toString(((Number) value).longValue())
                  : null;
          case DOUBLE ->
              value instanceof Number number ? Double.toString(number.doubleValue()) : null;
          case DECIMAL -> decimal(value);
          case BOOLEAN -> value instanceof Boolean flag ? flag.toString() : null;
          case DATE -> value instanceof LocalDate date ? date.toString() : null;
          case TIMESTAMP ->
              value instanceof Instant instant
                  ? DateTimeFormatter.ISO_INSTANT.format(instant)
                  : value instanceof OffsetDateTime odt
                      ? DateTimeFormatter.ISO_INSTANT.format(odt.toInstant())
                      : null;
          case BYTES ->
              value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : null;
        };
    if (text == null) {
      throw new IllegalArgumentException(
          "column "
              + LakehouseNames.printable(column.name())
              + " is "
              + type.wire()
              + " but the row holds a "
              + value.getClass().getSimpleName());
    }
    return text;
  }

  /** The parameter type a column's values are sent as; BYTES travel as base64 text. */
  static String parameterType(ColumnType type) {
    return switch (type) {
      case STRING, JSON, BYTES -> "STRING";
      case LONG -> "BIGINT";
      case DOUBLE -> "DOUBLE";
      case DECIMAL -> "DECIMAL(38," + DECIMAL_SCALE + ")";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMP";
    };
  }

  private static String decimal(Object value) {
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
    return decimal.setScale(DECIMAL_SCALE, RoundingMode.HALF_EVEN).toPlainString();
  }
}
