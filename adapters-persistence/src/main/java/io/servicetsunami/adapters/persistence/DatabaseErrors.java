package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;
import java.util.Optional;
import org.hibernate.exception.JDBCConnectionException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Translates what JDBC, PostgreSQL and Hibernate throw into the ports' error family, once, at the
 * boundary of every repository call. Messages are our own (safe to show); the technology exception
 * stays attached as the cause for the logs.
 */
final class DatabaseErrors {

  /** Foreign keys whose violation means "the row you refer to does not exist". */
  private static final Map<String, ErrorCode> MISSING_PARENT =
      Map.ofEntries(
          Map.entry("agent_tasks_assigned_agent_fkey", ErrorCode.AGENT_NOT_FOUND),
          Map.entry("agent_tasks_approved_by_fkey", ErrorCode.USER_NOT_FOUND),
          Map.entry("execution_traces_task_fkey", ErrorCode.TASK_NOT_FOUND),
          Map.entry("execution_traces_agent_fkey", ErrorCode.AGENT_NOT_FOUND),
          Map.entry("agent_memories_agent_fkey", ErrorCode.AGENT_NOT_FOUND),
          Map.entry("agent_memories_source_task_fkey", ErrorCode.TASK_NOT_FOUND),
          Map.entry("data_pipelines_dataset_fkey", ErrorCode.DATASET_NOT_FOUND),
          Map.entry("pipeline_runs_pipeline_fkey", ErrorCode.PIPELINE_NOT_FOUND),
          Map.entry("connector_watermarks_pipeline_fkey", ErrorCode.PIPELINE_NOT_FOUND));

  /** Unique constraints with a more specific meaning than "already exists". */
  private static final Map<String, ErrorCode> SPECIFIC_DUPLICATE =
      Map.of(
          "tenant_instances_tenant_key", ErrorCode.INSTANCE_ALREADY_EXISTS,
          "tenant_instances_release_key", ErrorCode.RELEASE_NAME_COLLISION);

  private DatabaseErrors() {}

  /** The port error for {@code failure}, which happened while doing {@code what}. */
  static PortException translate(RuntimeException failure, String what) {
    if (failure instanceof PortException port) {
      return port;
    }
    Optional<SQLException> sql = sqlCause(failure);
    String state = sql.map(SQLException::getSQLState).orElse(null);
    if (isUnavailable(failure, sql.orElse(null), state)) {
      return new TransientException(
          ErrorCode.DATABASE_UNAVAILABLE, "database unavailable while " + what, failure);
    }
    if (state != null) {
      String constraint = constraintOf(sql.get());
      switch (state) {
        case "23505": // unique_violation
          return new ConflictException(
              SPECIFIC_DUPLICATE.getOrDefault(constraint, ErrorCode.ALREADY_EXISTS),
              "conflict while " + what + ": a row with the same key exists",
              failure);
        case "23503": // foreign_key_violation
          return missingParent(constraint, what, failure);
        default:
          break;
      }
      if (state.startsWith("22") || state.startsWith("23")) {
        // data exception, check or not-null violation: the value does not fit the schema
        return new InvalidInputException(
            ErrorCode.INVALID_INPUT, "invalid data while " + what, failure);
      }
    }
    return new PermanentException(
        ErrorCode.INTERNAL, "database failure while " + what + " (" + state + ")", failure);
  }

  private static PortException missingParent(String constraint, String what, Throwable cause) {
    ErrorCode code = MISSING_PARENT.get(constraint);
    if (code == null && constraint != null && constraint.endsWith("_tenant_id_fkey")) {
      code = ErrorCode.TENANT_NOT_FOUND;
    }
    if (code == null) {
      return new InvalidInputException(
          ErrorCode.INVALID_INPUT, "invalid reference while " + what, cause);
    }
    return new NotFoundException(
        code, "not found while " + what + ": " + code.code().replace('_', ' '), cause);
  }

  /**
   * Connection failures (class 08), an administrator or crash shutdown and "cannot connect now"
   * (57P01–57P03), a cancelled statement (57014), lost serialization races and deadlocks (class
   * 40), insufficient resources (class 53), and a pool that has no connection to give.
   */
  private static boolean isUnavailable(Throwable failure, SQLException sql, String state) {
    if (state != null
        && (state.startsWith("08")
            || state.startsWith("57P")
            || state.equals("57014")
            || state.startsWith("40")
            || state.startsWith("53"))) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JDBCConnectionException
          || t instanceof SQLTransientException
          || t instanceof SQLRecoverableException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof ConnectException
          || t instanceof SocketTimeoutException
          || t instanceof SocketException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static Optional<SQLException> sqlCause(Throwable failure) {
    SQLException found = null;
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof PSQLException psql) {
        return Optional.of(psql);
      }
      if (found == null && t instanceof SQLException sql) {
        found = sql;
      }
    }
    return Optional.ofNullable(found);
  }

  private static String constraintOf(SQLException sql) {
    if (sql instanceof PSQLException psql) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      if (server != null) {
        return server.getConstraint();
      }
    }
    return null;
  }
}
