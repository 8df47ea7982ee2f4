package io.servicetsunami.adapters.duckdb;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.out.LakehouseNames;
import io.servicetsunami.ports.out.RowSink;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stages the rows of one load: it holds at most {@code batchRows} converted rows and appends each
 * full batch to the load's staging table with DuckDB's appender, so a table of any size passes
 * through in bounded memory.
 *
 * <p>A full batch is appended on a thread of the sink's own while the connector fills the next one,
 * so reading the source and writing DuckDB overlap (on the PostgreSQL → bronze benchmark the two
 * take about as long as each other). At most one batch is in flight: memory stays at two batches,
 * and a failed append reaches the connector at its next full batch, or the commit at the latest. A
 * sink whose append failed stages nothing more, and its load cannot be committed.
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
    FAILED,
    DISCARDED
  }

  /** Decimals are stored as DECIMAL(38, 18): the scale every value is brought to. */
  static final int DECIMAL_SCALE = 18;

  private final DuckDbLakehouse lakehouse;
  private final DuckDbLakehouse.Staging staging;
  private final int batchRows;
  private List<Object[]> batch = new ArrayList<>();
  private List<Column> columns = List.of();
  private State state = State.NEW;
  private long staged;
  private ExecutorService appender;
  private Future<?> inFlight;

  /** Used by the appender thread only. */
  private DuckDbLakehouse.StagingWriter writer;

  DuckDbStagingSink(DuckDbLakehouse lakehouse, DuckDbLakehouse.Staging staging, int batchRows) {
    this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    this.staging = requireNonNull(staging, "staging is null");
    this.batchRows = batchRows;
  }

  @Override
  public synchronized void begin(List<Column> columns) {
    requireNonNull(columns, "columns is null");
    requireState(State.NEW, "begin may be called once, before the first row");
    LakehouseNames.columns(columns.stream().map(Column::name).toList());
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
      try {
        flush();
      } finally {
        if (state == State.FAILED) {
          stopAppender();
        }
      }
    }
  }

  /**
   * Appends the last rows, waits for every append, and closes the sink to further rows. Returns
   * whether the sink received its columns and wrote all its rows, i.e. whether there is a complete
   * staging table to commit.
   */
  synchronized boolean finish() {
    if (state == State.RECEIVING) {
      try {
        flush();
        awaitInFlight();
        if (appender != null) {
          inFlight = appender.submit(this::commitWriter);
          awaitInFlight();
        }
        state = State.FINISHED;
      } catch (RuntimeException e) {
        fail();
        throw e;
      } finally {
        stopAppender();
      }
    }
    return state == State.FINISHED;
  }

  /**
   * Forgets the staged rows: the load was staged again, or the lakehouse closed. An append in
   * flight is waited for first, so that it cannot write into the staging table of the next attempt.
   */
  synchronized void discard() {
    batch.clear();
    try {
      awaitInFlight();
    } catch (RuntimeException ignored) {
      // the rows are being thrown away anyway
    } finally {
      stopAppender();
    }
    state = State.DISCARDED;
  }

  synchronized long staged() {
    return staged + batch.size();
  }

  /** The rows held in memory, not yet handed to DuckDB. */
  synchronized int held() {
    return batch.size();
  }

  /** Hands the full batch to the appender thread once the previous one is written. */
  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    awaitInFlight();
    List<Object[]> full = batch;
    batch = new ArrayList<>(Math.min(batchRows, 16_384));
    if (appender == null) {
      appender =
          Executors.newSingleThreadExecutor(
              task -> {
                Thread thread = new Thread(task, "duckdb-staging-" + staging.stagingTable());
                thread.setDaemon(true);
                return thread;
              });
    }
    inFlight = appender.submit(() -> appendOnWriter(full));
    staged += full.size();
  }

  private void awaitInFlight() {
    Future<?> pending = inFlight;
    if (pending == null) {
      return;
    }
    inFlight = null;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          pending.get();
          return;
        } catch (InterruptedException e) {
          // The append cannot be abandoned half-way (see discard); finish waiting, then re-flag.
          interrupted = true;
        } catch (ExecutionException e) {
          fail();
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(
              "staging rows of load " + staging.loadId() + " failed", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** On the appender thread: opens the load's one transaction at the first batch. */
  private void appendOnWriter(List<Object[]> rows) {
    if (writer == null) {
      writer = lakehouse.openStagingWriter(staging);
    }
    try {
      writer.append(rows);
    } catch (RuntimeException e) {
      abandonWriter();
      throw e;
    }
  }

  /** On the appender thread. */
  private void commitWriter() {
    if (writer != null) {
      DuckDbLakehouse.StagingWriter committing = writer;
      writer = null;
      committing.commit();
    }
  }

  /** On the appender thread. */
  private void abandonWriter() {
    if (writer != null) {
      DuckDbLakehouse.StagingWriter abandoning = writer;
      writer = null;
      abandoning.abandon();
    }
  }

  private void fail() {
    if (state == State.RECEIVING) {
      state = State.FAILED;
    }
    batch.clear();
  }

  /**
   * Ends the appender thread; a transaction still open (a sink failed or discarded) is rolled back
   * on it first, and waited for, so no write of this load outlives the sink.
   */
  private void stopAppender() {
    if (appender == null) {
      return;
    }
    ExecutorService stopping = appender;
    appender = null;
    Future<?> rollback = stopping.submit(this::abandonWriter);
    stopping.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        rollback.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException ignored) {
        break; // a failed rollback leaves nothing committed either
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
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
          // Kept as an Instant: appended as epoch microseconds, with no time-zone arithmetic.
          case TIMESTAMP ->
              value instanceof Instant
                  ? value
                  : value instanceof OffsetDateTime odt ? odt.toInstant() : null;
          case BYTES -> value instanceof byte[] ? value : null;
        };
    if (converted == null) {
      throw new IllegalArgumentException(
          "column "
              + LakehouseNames.printable(column.name())
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
