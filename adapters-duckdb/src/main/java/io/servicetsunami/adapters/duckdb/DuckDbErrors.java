package io.servicetsunami.adapters.duckdb;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * Translates what DuckDB throws into the ports' error family, once, at the boundary. DuckDB's JDBC
 * driver reports no SQL state; its messages start with the error class ({@code "IO Error: …"},
 * {@code "Binder Error: …"}), which is what the translation reads.
 */
final class DuckDbErrors {

  /** Error classes that may go away by themselves: the same call may succeed later. */
  private static final List<String> TRANSIENT =
      List.of(
          "IO Error",
          "Out of Memory Error",
          "Interrupt Error",
          "TransactionContext Error",
          "Connection Error",
          "Could not set lock");

  private DuckDbErrors() {}

  /** The port error for {@code failure}, which happened while doing {@code what}. */
  static PortException translate(SQLException failure, String what) {
    String detail = firstLine(failure);
    if (isTransient(detail)) {
      return new TransientException(
          ErrorCode.LAKEHOUSE_UNAVAILABLE,
          "the lakehouse is unavailable while " + what + ": " + detail,
          failure);
    }
    return new PermanentException(ErrorCode.INTERNAL, what + " failed: " + detail, failure);
  }

  /**
   * A failure of DuckDB while reading an uploaded file. Whatever DuckDB's reader rejects —
   * malformed JSON, a file without Parquet's magic bytes, a CSV row it cannot convert — means the
   * file is not of its format; only running out of memory, an interruption or a conflict is worth
   * retrying.
   */
  static PortException unreadable(SQLException failure, String format, String path) {
    String detail = firstLine(failure).replace(path, "the uploaded file");
    if (detail.startsWith("Out of Memory Error")
        || detail.startsWith("Interrupt Error")
        || detail.startsWith("TransactionContext Error")
        || detail.contains("write-write conflict")) {
      return translate(failure, "reading an uploaded file");
    }
    return new InvalidInputException(
        ErrorCode.UNSUPPORTED_FORMAT, "the file cannot be read as " + format + ": " + detail);
  }

  static TransientException io(IOException failure, String what) {
    return new TransientException(
        ErrorCode.LAKEHOUSE_UNAVAILABLE,
        "the lakehouse is unavailable while " + what + ": " + failure.getMessage(),
        failure);
  }

  private static boolean isTransient(String detail) {
    return TRANSIENT.stream().anyMatch(detail::startsWith)
        || detail.contains("write-write conflict")
        || detail.contains("Conflict on");
  }

  private static String firstLine(SQLException failure) {
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
