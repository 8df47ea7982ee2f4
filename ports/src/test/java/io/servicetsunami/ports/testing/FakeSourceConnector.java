package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.out.RowSink;
import io.servicetsunami.ports.out.SourceConnector;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SourceConnector} over tables given in the test ({@link #table}). Incremental extracts
 * return the rows whose watermark column is at or past the watermark (less the table's overlap for
 * timestamps) and report the highest watermark read. Watermark values may be {@link Instant}s,
 * numbers or strings; their canonical text is {@code toString()}.
 */
public final class FakeSourceConnector implements SourceConnector {

  /** One extract call, as received. */
  public record ExtractCall(Map<String, Secret> connection, ExtractRequest request) {}

  private record SourceTable(List<Column> columns, List<List<Object>> rows) {}

  private final ConnectorType type;
  private final Map<String, SourceTable> tables = new HashMap<>();
  private final Map<String, Secret> requiredConnection = new HashMap<>();
  private final List<ExtractCall> calls = new ArrayList<>();
  private PortException failure;

  /** A PostgreSQL connector. */
  public FakeSourceConnector() {
    this(ConnectorType.POSTGRESQL);
  }

  public FakeSourceConnector(ConnectorType type) {
    this.type = requireNonNull(type, "type is null");
  }

  /** Adds (or replaces) a source table with its rows, values in column order. */
  public synchronized FakeSourceConnector table(
      String name, List<Column> columns, List<List<Object>> rows) {
    List<List<Object>> copies = new ArrayList<>();
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("row " + row + " does not match " + columns);
      }
      copies.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    tables.put(name, new SourceTable(List.copyOf(columns), List.copyOf(copies)));
    return this;
  }

  /** Extracts fail with {@code connector_failed} unless the connection has {@code key=value}. */
  public synchronized FakeSourceConnector requires(String key, Secret value) {
    requiredConnection.put(key, value);
    return this;
  }

  /** Every extract fails with {@code failure}; {@code null} lets extracts through again. */
  public synchronized FakeSourceConnector failsWith(PortException failure) {
    this.failure = failure;
    return this;
  }

  @Override
  public ConnectorType type() {
    return type;
  }

  @Override
  public ExtractSummary extract(
      Map<String, Secret> connection, ExtractRequest request, RowSink sink) {
    requireNonNull(connection, "connection is null");
    requireNonNull(request, "request is null");
    requireNonNull(sink, "sink is null");
    SourceTable source;
    synchronized (this) {
      calls.add(new ExtractCall(Map.copyOf(connection), request));
      if (failure != null) {
        throw failure;
      }
      requiredConnection.forEach(
          (key, value) -> {
            if (!value.equals(connection.get(key))) {
              throw new PermanentException(ErrorCode.CONNECTOR_FAILED, "authentication failed");
            }
          });
      source = tables.get(request.table().table());
      if (source == null) {
        throw new PermanentException(
            ErrorCode.CONNECTOR_FAILED, "unknown table " + request.table().table());
      }
    }
    TableSync table = request.table();
    boolean incremental = table.mode() == SyncMode.INCREMENTAL;
    int watermarkIndex =
        incremental ? columnIndex(source.columns(), table.watermarkColumn().orElseThrow()) : -1;
    sink.begin(source.columns());
    long rows = 0;
    Object max = null;
    for (List<Object> row : source.rows()) {
      if (incremental) {
        Object value = row.get(watermarkIndex);
        if (request.since().isPresent()
            && (value == null || compare(value, request.since().get(), table) < 0)) {
          continue;
        }
        if (value != null && (max == null || compareValues(value, max) > 0)) {
          max = value;
        }
      }
      sink.accept(row);
      rows++;
    }
    return new ExtractSummary(rows, Optional.ofNullable(max).map(Object::toString));
  }

  /** Every extract received, in order: to check the watermark and credentials passed. */
  public synchronized List<ExtractCall> calls() {
    return List.copyOf(calls);
  }

  private static int columnIndex(List<Column> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new PermanentException(ErrorCode.CONNECTOR_FAILED, "unknown column " + name);
  }

  private static int compareValues(Object a, Object b) {
    if (a instanceof Instant x && b instanceof Instant y) {
      return x.compareTo(y);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
    }
    return a.toString().compareTo(b.toString());
  }

  /** Compares a row's watermark value with a watermark in canonical text form. */
  private static int compare(Object value, String watermark, TableSync table) {
    if (value instanceof Instant instant) {
      return instant.compareTo(Instant.parse(watermark).minus(table.overlap()));
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).compareTo(new BigDecimal(watermark));
    }
    return value.toString().compareTo(watermark);
  }
}
