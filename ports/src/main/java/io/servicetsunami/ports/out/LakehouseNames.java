package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a {@link Lakehouse} accepts — table names, and column names from a source table or a
 * file's header — the same for every implementation. A lakehouse checks each name it is given with
 * these rules before it becomes SQL, and then always writes it as a quoted identifier of its own
 * dialect; nothing a user typed is ever concatenated into a statement unquoted.
 *
 * <ul>
 *   <li>A <b>table</b> name is 1 to {@value #MAX_TABLE_LENGTH} ASCII letters, digits and
 *       underscores, starting with a letter, and is folded to lower case (DuckDB and Unity Catalog
 *       compare identifiers case-insensitively). Anything else — {@code "x; drop table"}, quotes,
 *       spaces, accents — is refused with {@code invalid_input}: table names are made by the core
 *       from dataset and source-table names, never typed raw.
 *   <li>A <b>column</b> name may be any text a source or a header uses (spaces, punctuation,
 *       quotes, any script), because refusing {@code "Order ID"} or {@code "prix €"} would make
 *       real files unusable; it must be 1 to {@value #MAX_COLUMN_LENGTH} characters, not blank,
 *       free of control characters, distinct from the table's other columns ignoring case, and not
 *       one of the load metadata columns ({@link #METADATA_COLUMNS}). Quoted, with the dialect's
 *       quote character doubled, {@code x"; drop table t; --} is a column named exactly that.
 * </ul>
 */
public final class LakehouseNames {

  public static final int MAX_TABLE_LENGTH = 128;
  public static final int MAX_COLUMN_LENGTH = 255;

  public static final String LOAD_ID = "_load_id";
  public static final String LOAD_SEQ = "_load_seq";
  public static final String LOADED_AT = "_loaded_at";
  public static final String ROW_SEQ = "_row_seq";

  /** Columns the lakehouse adds to bronze; a source column may not use these names. */
  public static final List<String> METADATA_COLUMNS =
      List.of(LOAD_ID, LOAD_SEQ, LOADED_AT, ROW_SEQ);

  private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private LakehouseNames() {}

  /** {@code table} folded to lower case, or {@code invalid_input} if it is not a plain name. */
  public static String table(String table) {
    if (table == null
        || table.isEmpty()
        || table.length() > MAX_TABLE_LENGTH
        || !TABLE.matcher(table).matches()) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT,
          "table name "
              + printable(table)
              + " is not allowed: a table name is 1 to "
              + MAX_TABLE_LENGTH
              + " letters (a-z), digits and underscores, starting with a letter");
    }
    return table.toLowerCase(Locale.ROOT);
  }

  /** Checks one column name; returns it unchanged. */
  public static String column(String name) {
    if (name == null || name.isBlank()) {
      throw invalidColumn(name, "a column name must not be blank");
    }
    if (name.codePointCount(0, name.length()) > MAX_COLUMN_LENGTH) {
      throw invalidColumn(name, "a column name is at most " + MAX_COLUMN_LENGTH + " characters");
    }
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      throw invalidColumn(name, "a column name must not contain control characters");
    }
    if (METADATA_COLUMNS.contains(name.toLowerCase(Locale.ROOT))) {
      throw invalidColumn(
          name, "the names " + METADATA_COLUMNS + " are reserved for the load metadata");
    }
    return name;
  }

  /** Checks every column name and that no two of them differ only in case. */
  public static void columns(List<String> names) {
    if (names.isEmpty()) {
      throw new InvalidInputException(ErrorCode.INVALID_INPUT, "a table needs at least one column");
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      column(name);
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw invalidColumn(name, "two columns have this name (names are compared ignoring case)");
      }
    }
  }

  /** A name for a message: control characters escaped, long names cut. */
  public static String printable(String name) {
    if (name == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("'");
    name.codePoints()
        .limit(80)
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    if (name.codePointCount(0, name.length()) > 80) {
      out.append('…');
    }
    return out.append('\'').toString();
  }

  private static InvalidInputException invalidColumn(String name, String rule) {
    return new InvalidInputException(
        ErrorCode.INVALID_INPUT, "column name " + printable(name) + " is not allowed: " + rule);
  }
}
