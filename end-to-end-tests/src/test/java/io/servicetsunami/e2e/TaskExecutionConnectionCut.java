package io.servicetsunami.e2e;

import io.servicetsunami.ports.model.TaskId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real fault for step 3, injected in PostgreSQL itself: the database connection of the first
 * attempt that writes what the agent run produced (the task's output, or its first skill-call
 * trace) is terminated by the server while the statement runs, as a failover or an administrator's
 * {@code pg_terminate_backend} would. Nothing in the library is wrapped or replaced.
 *
 * <p>A trigger fires on that write (only for the one task). It draws from a sequence of its own,
 * which, unlike a table, keeps its value when the transaction is rolled back: on the first draw it
 * terminates its own backend, so the client sees the connection die ({@code 57P01}); later draws
 * let the write through. The sequence's value afterwards says how often the write was tried: with
 * one such write per attempt, how many attempts got that far.
 */
final class TaskExecutionConnectionCut {

  private final DataSource database;
  private final String suffix;

  private TaskExecutionConnectionCut(DataSource database, TaskId task) {
    this.database = database;
    this.suffix = task.value().toString().replace("-", "");
  }

  /**
   * Arms the cut for the update that stores {@code task}'s output (after the agent run and its
   * skill-call traces); it fires once.
   */
  static TaskExecutionConnectionCut onOutputStore(DataSource database, TaskId task) {
    return arm(
        database,
        task,
        "BEFORE UPDATE ON agent_tasks FOR EACH ROW WHEN (NEW.id = '"
            + task.value()
            + "' AND OLD.output = '{}'::jsonb AND NEW.output <> '{}'::jsonb)");
  }

  /**
   * Arms the cut for the insert of {@code task}'s first skill-call trace, right after the agent run
   * returned and before anything of it is stored; it fires once.
   */
  static TaskExecutionConnectionCut onFirstSkillCall(DataSource database, TaskId task) {
    return arm(
        database,
        task,
        "BEFORE INSERT ON execution_traces FOR EACH ROW WHEN (NEW.task_id = '"
            + task.value()
            + "' AND NEW.step_type = 'skill_call')");
  }

  private static TaskExecutionConnectionCut arm(DataSource database, TaskId task, String when) {
    TaskExecutionConnectionCut cut = new TaskExecutionConnectionCut(database, task);
    cut.execute(
        "CREATE SEQUENCE " + cut.sequence(),
        "CREATE FUNCTION "
            + cut.function()
            + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            + "BEGIN\n"
            + "  IF nextval('"
            + cut.sequence()
            + "') = 1 THEN\n"
            + "    PERFORM pg_terminate_backend(pg_backend_pid());\n"
            // The termination lands at the next interrupt check, which pg_sleep makes at once.
            + "    PERFORM pg_sleep(30);\n"
            + "  END IF;\n"
            + "  RETURN NEW;\n"
            + "END $$",
        "CREATE TRIGGER "
            + cut.trigger()
            + " "
            + when
            + " EXECUTE FUNCTION "
            + cut.function()
            + "()");
    return cut;
  }

  /** How often the write was tried: 2 when the cut fired once and the retry got past it. */
  long storeAttempts() {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT last_value, is_called FROM " + sequence())) {
      row.next();
      return row.getBoolean("is_called") ? row.getLong("last_value") : 0;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + sequence(), e);
    }
  }

  private void execute(String... statements) {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot arm the connection cut", e);
    }
  }

  private String sequence() {
    return "e2e_output_store_" + suffix;
  }

  private String function() {
    return "e2e_cut_output_store_" + suffix;
  }

  private String trigger() {
    return "e2e_cut_" + suffix;
  }
}
