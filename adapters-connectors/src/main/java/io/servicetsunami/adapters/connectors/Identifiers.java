package io.servicetsunami.adapters.connectors;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Table and column names from users. They are checked against a conservative pattern and then
 * always quoted; nothing a user wrote is ever put into SQL as it came.
 */
final class Identifiers {

  /** A SQL identifier part as PostgreSQL and Snowflake accept it unquoted. */
  static final Pattern PART = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,127}");

  private Identifiers() {}

  /** The dot-separated parts of {@code name}, each matching {@code part}, at most {@code max}. */
  static List<String> parts(String what, String name, Pattern part, int min, int max) {
    String[] parts = name.split("\\.", -1);
    if (parts.length < min || parts.length > max) {
      throw invalid(what, name, "it needs " + (min == max ? min : min + " to " + max) + " part(s)");
    }
    for (String p : parts) {
      if (!part.matcher(p).matches()) {
        throw invalid(what, name, "'" + p + "' is not a plain identifier");
      }
    }
    return List.of(parts);
  }

  /** A column name. */
  static String column(String name) {
    if (name == null || !PART.matcher(name).matches()) {
      throw invalid("column", String.valueOf(name), "it is not a plain identifier");
    }
    return name;
  }

  /** {@code "name"}, any double quote doubled. */
  static String doubleQuoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code `name`}, for BigQuery; the name must not hold a backtick or backslash. */
  static String backQuoted(String name) {
    if (name.indexOf('`') >= 0 || name.indexOf('\\') >= 0) {
      throw invalid("identifier", name, "it holds a backtick or backslash");
    }
    return '`' + name + '`';
  }

  static InvalidInputException invalid(String what, String name, String why) {
    String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
    return new InvalidInputException(
        ErrorCode.INVALID_INPUT,
        "invalid "
            + what
            + " name '"
            + shown
            + "': "
            + why
            + "; names are refused, never quoted"
            + " around hostile text");
  }
}
