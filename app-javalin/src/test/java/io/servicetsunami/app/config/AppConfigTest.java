package io.servicetsunami.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

  @TempDir Path dataDir;

  @Test
  void aSecretKeyShorterThan32BytesStopsStartUpWithOneLineAndWritesNothing() {
    Path dir = dataDir.resolve("data");
    assertThatThrownBy(
            () ->
                AppConfig.fromEnvironment(
                    Map.of("SECRET_KEY", "too-short-a-secret", "DATA_DIR", dir.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("SECRET_KEY must be at least 32 bytes long");
    assertThat(dir).doesNotExist();
  }

  @Test
  void unsetSecretsAreGeneratedOnceIntoOwnerOnlyFiles() throws Exception {
    Path dir = dataDir.resolve("data");
    AppConfig first = AppConfig.fromEnvironment(Map.of("DATA_DIR", dir.toString()));
    AppConfig second = AppConfig.fromEnvironment(Map.of("DATA_DIR", dir.toString()));

    assertThat(first.secretKey()).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second.secretKey());
    assertThat(first.encryptionKeys()).hasSize(1).isEqualTo(second.encryptionKeys());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    for (String name : new String[] {"secret_key", "encryption_key"}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
          .isEqualTo("rw-------");
    }
    assertThat(first.toString()).doesNotContain(first.secretKey());
  }

  @Test
  void defaultsAreDocumented() {
    AppConfig config =
        AppConfig.fromEnvironment(
            Map.of(
                "DATA_DIR",
                dataDir.toString(),
                "SECRET_KEY",
                "x".repeat(32),
                "ENCRYPTION_KEY",
                "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4="));
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8000);
    assertThat(config.database().isEmbedded()).isTrue();
    assertThat(config.accessTokenTtl()).hasMinutes(30);
  }

  @Test
  void badSettingsAreNamed() {
    Map<String, String> base = Map.of("DATA_DIR", dataDir.toString(), "SECRET_KEY", "y".repeat(40));
    assertThatThrownBy(() -> AppConfig.fromEnvironment(with(base, "PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PORT");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(with(base, "ENCRYPTION_KEY", "short")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ENCRYPTION_KEYS")
        .hasMessageNotContaining("short");
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    var map = new java.util.HashMap<>(base);
    map.put(key, value);
    return map;
  }
}
