package io.servicetsunami.adapters.connectors;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.Column.ColumnType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Watermark values and their canonical text, the same for every connector. The stored watermark is
 * text; it is parsed back into the watermark column's port type before it is bound, so it
 * round-trips exactly:
 *
 * <ul>
 *   <li>TIMESTAMP: ISO-8601 instant in UTC ({@code 2024-05-01T10:15:30.123456Z}, as {@link
 *       Instant#toString()}); the extract starts {@code overlap} before it.
 *   <li>DATE: {@code 2024-05-01}; the extract starts the whole days of {@code overlap} (rounded up)
 *       before it.
 *   <li>LONG / DECIMAL / DOUBLE: the number ({@link BigDecimal#toPlainString()} for decimals); the
 *       extract starts at it, inclusive — a number has no time overlap, so a numeric watermark
 *       cannot catch rows committed late with a lower value (use a timestamp column for that).
 *   <li>STRING: the text, compared by code point (the connectors compare it the same way in SQL);
 *       inclusive, no overlap.
 * </ul>
 *
 * Rows whose watermark column is NULL are read by a first (or full) extract only.
 */
final class Watermarks {

  static final Set<ColumnType> SUPPORTED =
      Set.of(
          ColumnType.TIMESTAMP,
          ColumnType.DATE,
          ColumnType.LONG,
          ColumnType.DECIMAL,
          ColumnType.DOUBLE,
          ColumnType.STRING);

  private Watermarks() {}

  static void requireSupported(String column, ColumnType type) {
    if (!SUPPORTED.contains(type)) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED,
          "watermark column "
              + column
              + " is of type "
              + type.wire()
              + "; a watermark must be a timestamp, date, number or string");
    }
  }

  /** The stored watermark read as {@code type}. */
  static Object parse(String column, ColumnType type, String text) {
    try {
      return switch (type) {
        case TIMESTAMP -> Instant.parse(text);
        case DATE -> LocalDate.parse(text);
        case LONG -> Long.parseLong(text);
        case DECIMAL -> new BigDecimal(text);
        case DOUBLE -> Double.parseDouble(text);
        case STRING -> text;
        default -> throw new IllegalStateException("not a watermark type: " + type);
      };
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED,
          "the stored watermark '"
              + text
              + "' is not a "
              + type.wire()
              + " value of column "
              + column
              + "; was the column's type changed?",
          e);
    }
  }

  /** Where an incremental extract starts: the watermark less the overlap, for time types. */
  static Object lowerBound(Object watermark, Duration overlap) {
    if (watermark instanceof Instant instant) {
      return instant.minus(overlap);
    }
    if (watermark instanceof LocalDate date) {
      long days = overlap.toDays() + (overlap.equals(Duration.ofDays(overlap.toDays())) ? 0 : 1);
      return date.minusDays(days);
    }
    return watermark;
  }

  /** Orders two values of the same watermark type. */
  @SuppressWarnings("unchecked")
  static int compare(Object a, Object b) {
    if (a instanceof String x && b instanceof String y) {
      return compareCodePoints(x, y);
    }
    return ((Comparable<Object>) a).compareTo(b);
  }

  private static int compareCodePoints(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      int cx = x.codePointAt(i);
      int cy = y.codePointAt(j);
      if (cx != cy) {
        return Integer.compare(cx, cy);
      }
      i += Character.charCount(cx);
      j += Character.charCount(cy);
    }
    return Integer.compare(x.length() - i, y.length() - j);
  }

  static String canonical(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }

  /** Keeps the highest watermark value seen. */
  static final class Max {
    private Object max;

    void offer(Object value) {
      if (value != null && (max == null || compare(value, max) > 0)) {
        max = value;
      }
    }

    java.util.Optional<String> canonical() {
      return java.util.Optional.ofNullable(max).map(Watermarks::canonical);
    }
  }
}
