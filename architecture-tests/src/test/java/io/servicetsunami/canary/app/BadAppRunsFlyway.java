package io.servicetsunami.canary.app;

import org.flywaydb.core.Flyway;

/** The app migrating the schema itself instead of asking the persistence adapter. */
public final class BadAppRunsFlyway {
  public void migrate(javax.sql.DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).load().migrate();
  }
}
