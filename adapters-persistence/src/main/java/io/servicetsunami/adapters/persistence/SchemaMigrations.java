package io.servicetsunami.adapters.persistence;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Brings the schema to the version this build knows, with the Flyway migrations under {@code
 * db/migration}. A database that is already newer (a later release migrated it, and this one was
 * started afterwards, e.g. by a rollback) is refused: the older code would misread or damage rows
 * of a schema it does not know. Flyway itself would only ignore such "future" migrations.
 */
final class SchemaMigrations {

  static final String LOCATION = "classpath:db/migration";

  private SchemaMigrations() {}

  /**
   * Migrates the database behind {@code dataSource}.
   *
   * @param where the database, for messages (without credentials)
   * @throws IllegalStateException if the database has a migration newer than this build's newest
   */
  static void migrate(DataSource dataSource, String where) {
    Flyway flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations(LOCATION)
            .failOnMissingLocations(true)
            .load();
    refuseNewerSchema(flyway.info().all(), where);
    flyway.migrate();
  }

  static void refuseNewerSchema(MigrationInfo[] migrations, String where) {
    List<MigrationInfo> future =
        Arrays.stream(migrations)
            .filter(
                m ->
                    m.getState() == MigrationState.FUTURE_SUCCESS
                        || m.getState() == MigrationState.FUTURE_FAILED)
            .sorted(Comparator.comparing(MigrationInfo::getVersion))
            .toList();
    if (future.isEmpty()) {
      return;
    }
    MigrationInfo newest = future.get(future.size() - 1);
    String known =
        newestKnown(migrations).map(MigrationVersion::getVersion).orElse("none (no migrations)");
    throw new IllegalStateException(
        "Refusing to start: the database "
            + where
            + " has schema version "
            + newest.getVersion().getVersion()
            + " (\""
            + newest.getDescription()
            + "\"), newer than the newest migration this build knows ("
            + known
            + "). It was migrated by a later release of ServiceTsunami. Run that release (or a"
            + " newer one), or restore a backup taken before version "
            + future.get(0).getVersion().getVersion()
            + " was applied.");
  }

  private static Optional<MigrationVersion> newestKnown(MigrationInfo[] migrations) {
    return Arrays.stream(migrations)
        .filter(m -> m.getState().isResolved() && m.getVersion() != null)
        .map(MigrationInfo::getVersion)
        .max(Comparator.naturalOrder());
  }
}
