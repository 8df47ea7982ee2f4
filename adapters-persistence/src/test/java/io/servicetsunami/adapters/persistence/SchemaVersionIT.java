package io.servicetsunami.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database migrated by a later release is refused with a message that says so, in a throwaway
 * database on the test server (the server's role must be allowed to create databases).
 */
class SchemaVersionIT {

  private final String database = "schema_check_" + UUID.randomUUID().toString().replace("-", "");

  @AfterEach
  void dropDatabase() {
    RawRows.execute(
        TestDatabase.shared().dataSource(),
        "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  @Test
  void aDatabaseNewerThanTheCodeIsRefusedWithAClearMessage() {
    RawRows.execute(TestDatabase.shared().dataSource(), "CREATE DATABASE " + database);
    DatabaseSettings settings =
        DatabaseSettings.external(TestDatabase.jdbcUrlOf(database)).withMaxPoolSize(2);
    try (PostgresPersistence migrated = PostgresPersistence.start(settings)) {
      RawRows.execute(
          migrated.dataSource(),
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
              + " script, checksum, installed_by, execution_time, success)"
              + " SELECT max(installed_rank) + 1, '999', 'from the future', 'SQL',"
              + " 'V999__from_the_future.sql', NULL, current_user, 0, true"
              + " FROM flyway_schema_history");
    }

    String password = TestDatabase.shared().url().password().orElse("no password to leak");
    assertThatThrownBy(() -> PostgresPersistence.start(settings).close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Refusing to start")
        .hasMessageContaining("has schema version 999 (\"from the future\")")
        .hasMessageContaining("newer than the newest migration this build knows (1)")
        .hasMessageNotContaining(password);
  }

  @Test
  void aDatabaseAtTheCodesVersionStartsAgainWithoutMigrating() {
    RawRows.execute(TestDatabase.shared().dataSource(), "CREATE DATABASE " + database);
    DatabaseSettings settings =
        DatabaseSettings.external(TestDatabase.jdbcUrlOf(database)).withMaxPoolSize(2);
    PostgresPersistence.start(settings).close();

    try (PostgresPersistence again = PostgresPersistence.start(settings)) {
      assertThat(RawRows.count(again.dataSource(), "SELECT count(*) FROM flyway_schema_history"))
          .isEqualTo(1);
    }
  }
}
