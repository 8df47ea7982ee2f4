package io.servicetsunami.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class DatabaseErrorsTest {

  /** What PostgreSQL sends for an error: severity, SQLSTATE, message and, here, a constraint. */
  private static PSQLException server(String state, String constraint) {
    String fields =
        "SERROR\0C" + state + "\0Mfailed\0" + (constraint == null ? "" : "n" + constraint + "\0");
    return new PSQLException(new ServerErrorMessage(fields));
  }

  private static RuntimeException viaHibernate(SQLException sql) {
    return new GenericJDBCException("could not execute statement", sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "08006", "08001", "08003", "57P01", "57P02", "57P03", "57014", "40001", "40P01", "53300"
      })
  void connectionLossShutdownsAndLostRacesAreTransient(String state) {
    PortException error = DatabaseErrors.translate(viaHibernate(server(state, null)), "reading");

    assertThat(error).isInstanceOf(TransientException.class);
    assertThat(error.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
    assertThat(error.retryable()).isTrue();
  }

  @Test
  void anExhaustedPoolOrARefusedConnectionIsTransient() {
    assertThat(
            DatabaseErrors.translate(
                new JDBCConnectionException(
                    "unable to obtain connection",
                    new SQLTransientConnectionException("pool - Connection is not available")),
                "reading"))
        .isInstanceOf(TransientException.class);
    assertThat(
            DatabaseErrors.translate(
                viaHibernate(new SQLException("I/O error", null, new ConnectException("refused"))),
                "reading"))
        .isInstanceOf(TransientException.class);
  }

  @Test
  void uniqueViolationsAreConflictsNamedByTheirConstraint() {
    assertThat(translate("23505", "agents_pkey"))
        .isInstanceOf(ConflictException.class)
        .extracting(PortException::code)
        .isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThat(translate("23505", "tenant_instances_tenant_key").code())
        .isEqualTo(ErrorCode.INSTANCE_ALREADY_EXISTS);
    assertThat(translate("23505", "tenant_instances_release_key").code())
        .isEqualTo(ErrorCode.RELEASE_NAME_COLLISION);
  }

  @Test
  void foreignKeyViolationsNameTheMissingParent() {
    assertThat(translate("23503", "execution_traces_task_fkey"))
        .isInstanceOf(NotFoundException.class)
        .extracting(PortException::code)
        .isEqualTo(ErrorCode.TASK_NOT_FOUND);
    assertThat(translate("23503", "agents_tenant_id_fkey").code())
        .isEqualTo(ErrorCode.TENANT_NOT_FOUND);
    assertThat(translate("23503", "knowledge_relations_from_fkey"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void valuesTheSchemaRefusesAreInvalidInputAndTheRestPermanent() {
    assertThat(translate("23514", "agent_tasks_status_check"))
        .isInstanceOf(InvalidInputException.class);
    assertThat(translate("22P02", null)).isInstanceOf(InvalidInputException.class);
    assertThat(translate("42P01", null))
        .isInstanceOf(PermanentException.class)
        .extracting(PortException::code)
        .isEqualTo(ErrorCode.INTERNAL);
  }

  @Test
  void messagesAreOursAndKeepTheCause() {
    PSQLException cause = server("23505", "users_email_key");
    PortException error =
        DatabaseErrors.translate(
            new ConstraintViolationException("insert", cause, "users_email_key"),
            "creating a user");

    assertThat(error.getMessage())
        .isEqualTo("conflict while creating a user: a row with the same key exists");
    assertThat(error).hasRootCause(cause);
  }

  @Test
  void portErrorsPassThrough() {
    NotFoundException notFound = new NotFoundException(ErrorCode.TASK_NOT_FOUND, "task not found");

    assertThat(DatabaseErrors.translate(notFound, "reading")).isSameAs(notFound);
  }

  private static PortException translate(String state, String constraint) {
    return DatabaseErrors.translate(viaHibernate(server(state, constraint)), "writing");
  }
}
