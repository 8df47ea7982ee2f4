package io.servicetsunami.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

  @Test
  void withoutDatabaseUrlTheEmbeddedServerKeepsItsDataUnderDataPostgres() {
    DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of("DATABASE_URL", " "));

    assertThat(settings.isEmbedded()).isTrue();
    assertThat(settings.dataDirectory()).isEqualTo(Path.of("data", "postgres"));
    assertThat(settings.maxPoolSize()).isEqualTo(DatabaseSettings.DEFAULT_POOL_SIZE);
    assertThat(settings.durable()).isTrue();
  }

  @Test
  void theDataDirectoryAndPoolSizeAreConfigurable() {
    DatabaseSettings settings =
        DatabaseSettings.fromEnvironment(
            Map.of("DATA_DIR", "/var/lib/servicetsunami", "DATABASE_POOL_SIZE", "25"));

    assertThat(settings.dataDirectory()).isEqualTo(Path.of("/var/lib/servicetsunami/postgres"));
    assertThat(settings.maxPoolSize()).isEqualTo(25);
  }

  @Test
  void withDatabaseUrlThatServerIsUsedAndItsPasswordNeverPrinted() {
    DatabaseSettings settings =
        DatabaseSettings.fromEnvironment(
            Map.of("DATABASE_URL", "postgresql://app:s3cret@db.internal:5432/servicetsunami"));

    assertThat(settings.isEmbedded()).isFalse();
    assertThat(settings.toString()).contains("db.internal").doesNotContain("s3cret");
  }

  @Test
  void aMalformedUrlOrPoolSizeIsRefusedUpFront() {
    assertThatThrownBy(() -> DatabaseSettings.external("mysql://app:s3cret@db/st"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(Map.of("DATABASE_POOL_SIZE", "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DatabaseSettings.embedded(Path.of("d")).withMaxPoolSize(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
