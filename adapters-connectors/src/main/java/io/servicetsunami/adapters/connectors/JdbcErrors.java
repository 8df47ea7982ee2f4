package io.servicetsunami.adapters.connectors;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import java.sql.SQLException;
import java.util.Set;

/** Turns a driver's SQLException into the port's error family, by SQLSTATE class. */
final class JdbcErrors {

  /**
   * Classes worth retrying: connection exceptions (08), transaction rollbacks such as serialization
   * failures and deadlocks (40), insufficient resources (53), operator intervention such as
   * shutdown or statement timeout (57), system errors (58), internal errors (XX).
   */
  private static final Set<String> TRANSIENT = Set.of("08", "40", "53", "57", "58", "XX");

  private JdbcErrors() {}

  static PortException translate(String source, String what, SQLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof PolicySocketFactory.Refused refused) {
        return new PermanentException(ErrorCode.CONNECTOR_FAILED, refused.getMessage(), e);
      }
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message =
        source
            + " "
            + what
            + " failed"
            + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")")
            + ": "
            + firstLine(e.getMessage());
    if (state.startsWith("28")) {
      return new PermanentException(
          ErrorCode.CONNECTOR_FAILED,
          source + " rejected the credentials: " + firstLine(e.getMessage()),
          e);
    }
    if (state.length() >= 2 && TRANSIENT.contains(state.substring(0, 2))) {
      return new TransientException(ErrorCode.CONNECTOR_UNAVAILABLE, message, e);
    }
    return new PermanentException(ErrorCode.CONNECTOR_FAILED, message, e);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    String line = message.replaceAll("\\s*\\R\\s*", " ").strip();
    return line.length() > 400 ? line.substring(0, 400) + "…" : line;
  }
}
