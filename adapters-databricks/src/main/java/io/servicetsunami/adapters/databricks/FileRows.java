package io.servicetsunami.adapters.databricks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.out.LakehouseNames;
import io.servicetsunami.ports.out.RowSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads an uploaded CSV or JSON file in Java and streams its rows into a sink, one row at a time.
 * Databricks cannot read a file the control plane holds; this is the small-file path (see {@link
 * DatabricksLakehouse#stageFile}).
 *
 * <ul>
 *   <li>CSV (RFC 4180): a header line names the columns; fields are separated by commas, may be
 *       double-quoted with doubled quotes inside, records end with LF or CRLF. Every column is
 *       STRING; an empty unquoted field is NULL. A UTF-8 byte-order mark is skipped, blank lines
 *       are ignored.
 *   <li>JSON: an array of objects, or one object per line. The columns are the union of the
 *       objects' keys in order of appearance; a column's type is that of its values (LONG, DOUBLE
 *       when integers and decimals mix, BOOLEAN, STRING), STRING when they disagree, JSON for
 *       nested objects and arrays. The file is read twice: once for the columns, once for the rows.
 * </ul>
 *
 * Anything else is {@code unsupported_format}.
 */
final class FileRows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FileRows() {}

  /** Streams a CSV file into {@code sink}; returns the number of rows. */
  static long csv(Path file, RowSink sink) throws IOException {
    try (PushbackReader in =
        new PushbackReader(
            new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8)), 2)) {
      int first = in.read();
      if (first != '\uFEFF' && first != -1) {
        in.unread(first);
      }
      List<Field> header = record(in, 1);
      while (header != null && isBlank(header)) {
        header = record(in, 1);
      }
      if (header == null) {
        throw unsupported("a CSV file needs a header line");
      }
      List<Column> columns = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        String name = header.get(i).text().strip();
        columns.add(new Column(name.isEmpty() ? "column" + i : name, ColumnType.STRING));
      }
      LakehouseNames.columns(columns.stream().map(Column::name).toList());
      sink.begin(columns);
      long rows = 0;
      long line = 1;
      for (List<Field> record = record(in, ++line); record != null; record = record(in, ++line)) {
        if (isBlank(record)) {
          continue;
        }
        if (record.size() != columns.size()) {
          throw unsupported(
              "CSV record "
                  + (rows + 2)
                  + " has "
                  + record.size()
                  + " fields, the header has "
                  + columns.size());
        }
        List<Object> values = new ArrayList<>(record.size());
        for (Field field : record) {
          values.add(field.text().isEmpty() && !field.quoted() ? null : field.text());
        }
        sink.accept(values);
        rows++;
      }
      return rows;
    }
  }

  /** Streams a JSON file into {@code sink}; returns the number of rows. */
  static long json(Path file, RowSink sink) throws IOException {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    long[] objects = {0};
    objects(
        file,
        object -> {
          objects[0]++;
          for (Map.Entry<String, JsonNode> field : object.properties()) {
            ColumnType type = typeOf(field.getValue());
            // LinkedHashMap keeps null (no type seen yet) and the order of first appearance
            types.put(field.getKey(), merge(types.get(field.getKey()), type));
          }
        });
    if (objects[0] == 0) {
      throw unsupported("a JSON file without rows");
    }
    List<Column> columns = new ArrayList<>();
    types.forEach(
        (name, type) -> columns.add(new Column(name, type == null ? ColumnType.STRING : type)));
    LakehouseNames.columns(columns.stream().map(Column::name).toList());
    sink.begin(columns);
    objects(
        file,
        object -> {
          List<Object> row = new ArrayList<>(columns.size());
          for (Column column : columns) {
            row.add(value(object.get(column.name()), column.type()));
          }
          sink.accept(row);
        });
    return objects[0];
  }

  // ---- JSON
  // --------------------------------------------------------------------------------------

  private static void objects(Path file, Consumer<JsonNode> each) throws IOException {
    try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw unsupported("the file holds no JSON");
      }
      if (token == JsonToken.START_ARRAY) {
        for (token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
          each.accept(object(parser, token));
        }
        if (parser.nextToken() != null) {
          throw unsupported("there is more after the JSON array");
        }
      } else {
        for (; token != null; token = parser.nextToken()) {
          each.accept(object(parser, token));
        }
      }
    } catch (JsonProcessingException e) {
      throw unsupported("not a JSON file: " + e.getOriginalMessage());
    }
  }

  private static JsonNode object(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      throw unsupported("every JSON row must be an object, found " + token);
    }
    return JSON.readTree(parser);
  }

  private static ColumnType typeOf(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToLong() ? ColumnType.LONG : ColumnType.STRING;
    }
    if (value.isNumber()) {
      return ColumnType.DOUBLE;
    }
    if (value.isBoolean()) {
      return ColumnType.BOOLEAN;
    }
    if (value.isContainerNode()) {
      return ColumnType.JSON;
    }
    return ColumnType.STRING;
  }

  private static ColumnType merge(ColumnType a, ColumnType b) {
    if (a == null || a == b) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if ((a == ColumnType.LONG && b == ColumnType.DOUBLE)
        || (a == ColumnType.DOUBLE && b == ColumnType.LONG)) {
      return ColumnType.DOUBLE;
    }
    return ColumnType.STRING;
  }

  private static Object value(JsonNode value, ColumnType type) {
    if (value == null || value.isNull()) {
      return null;
    }
    return switch (type) {
      case LONG -> value.asLong();
      case DOUBLE -> value.asDouble();
      case BOOLEAN -> value.asBoolean();
      case JSON -> value.toString();
      default -> value.isContainerNode() ? value.toString() : value.asText();
    };
  }

  // ---- CSV
  // ---------------------------------------------------------------------------------------

  private record Field(String text, boolean quoted) {}

  private static boolean isBlank(List<Field> record) {
    return record.size() == 1 && record.get(0).text().isEmpty() && !record.get(0).quoted();
  }

  /** The next record, or null at the end of the file. */
  private static List<Field> record(PushbackReader in, long line) throws IOException {
    List<Field> fields = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    boolean inQuotes = false;
    boolean quoted = false;
    boolean any = false;
    for (int c = in.read(); c != -1; c = in.read()) {
      any = true;
      if (inQuotes) {
        if (c == '"') {
          int next = in.read();
          if (next == '"') {
            text.append('"');
          } else {
            inQuotes = false;
            if (next != -1) {
              in.unread(next);
            }
          }
        } else {
          text.append((char) c);
        }
      } else if (c == '"') {
        inQuotes = true;
        quoted = true;
      } else if (c == ',') {
        fields.add(new Field(text.toString(), quoted));
        text.setLength(0);
        quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r') {
          int next = in.read();
          if (next != '\n' && next != -1) {
            in.unread(next);
          }
        }
        fields.add(new Field(text.toString(), quoted));
        return fields;
      } else {
        text.append((char) c);
      }
    }
    if (inQuotes) {
      throw unsupported("a quoted CSV field that starts on line " + line + " never ends");
    }
    if (!any) {
      return null;
    }
    fields.add(new Field(text.toString(), quoted));
    return fields;
  }

  private static InvalidInputException unsupported(String message) {
    return new InvalidInputException(ErrorCode.UNSUPPORTED_FORMAT, message);
  }
}
