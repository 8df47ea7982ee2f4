package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.model.DatasetFormat;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.Lakehouse;
import io.servicetsunami.ports.out.RowSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link Lakehouse} in memory, with the port's bronze and silver semantics: staged rows become
 * visible in bronze only on commit, a load id is committed once, silver keeps the latest version of
 * each primary key. Each tenant's tables live in schemas of its own, {@code t_<tenant>_bronze} and
 * {@code t_<tenant>_silver}. Files are read as CSV (header line, every column a string) or JSON (an
 * array of objects, or one object per line); Parquet is not readable here and is refused as {@code
 * unsupported_format}.
 */
public final class InMemoryLakehouse implements Lakehouse {

  /** One committed load of a bronze table. */
  public record BronzeBatch(String loadId, Instant loadedAt, List<Map<String, Object>> rows) {}

  private record TableKey(TenantId tenant, String table) {}

  private record LoadKey(TenantId tenant, String table, String loadId) {
    static LoadKey of(Load load) {
      return new LoadKey(load.tenantId(), load.table(), load.loadId());
    }
  }

  private static final class Staged {
    List<Column> columns = List.of();
    final List<Map<String, Object>> rows = new ArrayList<>();
  }

  private final Clock clock;
  private final Map<LoadKey, Staged> staging = new HashMap<>();
  private final Map<TableKey, List<BronzeBatch>> bronze = new HashMap<>();
  private final Map<TableKey, List<Map<String, Object>>> silver = new HashMap<>();

  public InMemoryLakehouse() {
    this(new MutableClock());
  }

  public InMemoryLakehouse(Clock clock) {
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public synchronized RowSink openStaging(Load load) {
    Staged staged = new Staged();
    staging.put(LoadKey.of(load), staged);
    return new RowSink() {
      @Override
      public void begin(List<Column> columns) {
        synchronized (InMemoryLakehouse.this) {
          staged.columns = List.copyOf(columns);
        }
      }

      @Override
      public void accept(List<Object> row) {
        synchronized (InMemoryLakehouse.this) {
          staged.rows.add(toMap(staged.columns, row));
        }
      }
    };
  }

  @Override
  public long stageFile(Load load, DatasetFormat format, InputStream content) {
    requireNonNull(format, "format is null");
    String text;
    try {
      text = new String(content.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PermanentException(ErrorCode.INTERNAL, "could not read the file", e);
    }
    Staged staged =
        switch (format) {
          case CSV -> csv(text);
          case JSON -> json(text);
          case PARQUET ->
              throw new InvalidInputException(
                  ErrorCode.UNSUPPORTED_FORMAT, "the in-memory lakehouse cannot read parquet");
        };
    synchronized (this) {
      staging.put(LoadKey.of(load), staged);
    }
    return staged.rows.size();
  }

  @Override
  public synchronized TableInfo commitToBronze(Load load) {
    TableKey table = new TableKey(load.tenantId(), load.table());
    List<BronzeBatch> batches = bronze.computeIfAbsent(table, t -> new ArrayList<>());
    boolean committed = batches.stream().anyMatch(b -> b.loadId().equals(load.loadId()));
    if (!committed) {
      Staged staged = staging.remove(LoadKey.of(load));
      if (staged == null) {
        throw new PermanentException(
            ErrorCode.INTERNAL, "nothing staged for load " + load.loadId());
      }
      batches.add(new BronzeBatch(load.loadId(), clock.now(), List.copyOf(staged.rows)));
    }
    return new TableInfo(
        bronzeName(load.tenantId(), load.table()),
        batches.stream().mapToLong(b -> b.rows().size()).sum());
  }

  @Override
  public synchronized TableInfo mergeToSilver(
      TenantId tenant, String table, List<String> primaryKey, Optional<String> deletedFlagColumn) {
    requireNonNull(primaryKey, "primaryKey is null");
    requireNonNull(deletedFlagColumn, "deletedFlagColumn is null");
    List<BronzeBatch> batches = bronze.getOrDefault(new TableKey(tenant, table), List.of());
    List<Map<String, Object>> rows;
    if (primaryKey.isEmpty()) {
      rows = batches.isEmpty() ? List.of() : batches.get(batches.size() - 1).rows();
    } else {
      Map<List<Object>, Map<String, Object>> latest = new LinkedHashMap<>();
      for (BronzeBatch batch : batches) {
        for (Map<String, Object> row : batch.rows()) {
          List<Object> key = new ArrayList<>();
          primaryKey.forEach(column -> key.add(row.get(column)));
          latest.put(key, row);
        }
      }
      rows = new ArrayList<>(latest.values());
    }
    List<Map<String, Object>> merged =
        rows.stream()
            .filter(row -> deletedFlagColumn.map(c -> !isTrue(row.get(c))).orElse(true))
            .toList();
    silver.put(new TableKey(tenant, table), merged);
    return new TableInfo(silverName(tenant, table), merged.size());
  }

  @Override
  public synchronized Optional<TableInfo> describeSilver(TenantId tenant, String table) {
    return Optional.ofNullable(silver.get(new TableKey(tenant, table)))
        .map(rows -> new TableInfo(silverName(tenant, table), rows.size()));
  }

  // ---- test helpers ----------------------------------------------------------------------------

  /** The committed loads of a bronze table, oldest first. */
  public synchronized List<BronzeBatch> bronze(TenantId tenant, String table) {
    return List.copyOf(bronze.getOrDefault(new TableKey(tenant, table), List.of()));
  }

  /** The rows of a silver table, empty if it was never merged. */
  public synchronized List<Map<String, Object>> silverRows(TenantId tenant, String table) {
    return List.copyOf(silver.getOrDefault(new TableKey(tenant, table), List.of()));
  }

  /** The qualified name of a tenant's bronze table. */
  public static String bronzeName(TenantId tenant, String table) {
    return schema(tenant) + "_bronze." + table;
  }

  /** The qualified name of a tenant's silver table. */
  public static String silverName(TenantId tenant, String table) {
    return schema(tenant) + "_silver." + table;
  }

  private static String schema(TenantId tenant) {
    return "t_" + tenant.value().toString().replace("-", "");
  }

  private static boolean isTrue(Object value) {
    return Boolean.TRUE.equals(value) || (value instanceof String s && s.equalsIgnoreCase("true"));
  }

  private static Map<String, Object> toMap(List<Column> columns, List<Object> row) {
    if (row.size() != columns.size()) {
      throw new IllegalArgumentException(
          "row has " + row.size() + " values for " + columns.size() + " columns");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      values.put(columns.get(i).name(), row.get(i));
    }
    return Collections.unmodifiableMap(values);
  }

  private static Staged csv(String text) {
    List<List<String>> records = CsvReader.read(text);
    if (records.isEmpty() || records.get(0).stream().allMatch(String::isBlank)) {
      throw new InvalidInputException(ErrorCode.UNSUPPORTED_FORMAT, "a CSV file needs a header");
    }
    Staged staged = new Staged();
    List<Column> columns = new ArrayList<>();
    for (String name : records.get(0)) {
      columns.add(new Column(name.strip(), ColumnType.STRING));
    }
    staged.columns = List.copyOf(columns);
    for (List<String> record : records.subList(1, records.size())) {
      if (record.size() != columns.size()) {
        throw new InvalidInputException(
            ErrorCode.UNSUPPORTED_FORMAT,
            "CSV row has " + record.size() + " fields, header has " + columns.size());
      }
      staged.rows.add(toMap(staged.columns, new ArrayList<>(record)));
    }
    return staged;
  }

  private static Staged json(String text) {
    List<Object> items = new ArrayList<>();
    try {
      String trimmed = text.strip();
      if (trimmed.startsWith("[")) {
        if (!(MiniJson.parse(trimmed) instanceof List<?> list)) {
          throw new IllegalArgumentException("not an array");
        }
        items.addAll(list);
      } else {
        for (String line : trimmed.split("\\R")) {
          if (!line.isBlank()) {
            items.add(MiniJson.parse(line));
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          ErrorCode.UNSUPPORTED_FORMAT, "not a JSON file: " + e.getMessage());
    }
    if (items.isEmpty()) {
      throw new InvalidInputException(ErrorCode.UNSUPPORTED_FORMAT, "a JSON file without rows");
    }
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> object)) {
        throw new InvalidInputException(
            ErrorCode.UNSUPPORTED_FORMAT, "every JSON row must be an object");
      }
      // A column's type is that of its first non-null value; all-null columns are strings.
      object.forEach(
          (key, value) -> {
            types.putIfAbsent((String) key, null);
            if (value != null && types.get(key) == null) {
              types.put((String) key, typeOf(value));
            }
          });
    }
    Staged staged = new Staged();
    List<Column> columns = new ArrayList<>();
    types.forEach(
        (name, type) -> columns.add(new Column(name, type == null ? ColumnType.STRING : type)));
    staged.columns = List.copyOf(columns);
    for (Object item : items) {
      Map<?, ?> object = (Map<?, ?>) item;
      List<Object> row = new ArrayList<>();
      columns.forEach(column -> row.add(object.get(column.name())));
      staged.rows.add(toMap(staged.columns, row));
    }
    return staged;
  }

  private static ColumnType typeOf(Object value) {
    if (value instanceof Long) {
      return ColumnType.LONG;
    }
    if (value instanceof Double) {
      return ColumnType.DOUBLE;
    }
    if (value instanceof Boolean) {
      return ColumnType.BOOLEAN;
    }
    if (value instanceof Map || value instanceof List) {
      return ColumnType.JSON;
    }
    return ColumnType.STRING;
  }

  /** RFC 4180 records: commas, double-quoted fields with doubled quotes, CRLF or LF. */
  private static final class CsvReader {

    static List<List<String>> read(String text) {
      List<List<String>> records = new ArrayList<>();
      List<String> record = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean any = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        any = true;
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          record.add(field.toString());
          field.setLength(0);
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
          record.add(field.toString());
          field.setLength(0);
          records.add(record);
          record = new ArrayList<>();
          any = false;
        } else {
          field.append(c);
        }
      }
      if (quoted) {
        throw new InvalidInputException(ErrorCode.UNSUPPORTED_FORMAT, "unterminated CSV quote");
      }
      if (any) {
        record.add(field.toString());
        records.add(record);
      }
      return records;
    }
  }
}
