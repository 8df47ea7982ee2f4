package io.servicetsunami.app.config;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.adapters.persistence.DatabaseSettings;
import io.servicetsunami.adapters.persistence.vault.FernetCredentialCipher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app's settings, read from environment variables.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>variable</th><th>default</th></tr>
 *   <tr><td>{@code HOST}</td><td>{@code 127.0.0.1}</td></tr>
 *   <tr><td>{@code PORT}</td><td>{@code 8000} ({@code 0}: any free port)</td></tr>
 *   <tr><td>{@code DATA_DIR}</td><td>{@code ./data}: embedded database and generated secrets</td></tr>
 *   <tr><td>{@code SECRET_KEY}</td><td>JWT signing key, at least 32 bytes; unset: generated into
 *       {@code $DATA_DIR/secret_key}</td></tr>
 *   <tr><td>{@code ENCRYPTION_KEYS} / {@code ENCRYPTION_KEY}</td><td>Fernet keys, newest first,
 *       comma-separated; unset: generated into {@code $DATA_DIR/encryption_key}</td></tr>
 *   <tr><td>{@code DATABASE_URL}, {@code DATABASE_POOL_SIZE}</td><td>unset: embedded PostgreSQL in
 *       {@code $DATA_DIR/postgres}</td></tr>
 *   <tr><td>{@code ACCESS_TOKEN_EXPIRE_MINUTES}</td><td>{@code 30}</td></tr>
 *   <tr><td>{@code DEFAULT_LLM_MODEL}</td><td>{@value #DEFAULT_LLM_MODEL}</td></tr>
 *   <tr><td>{@code MAX_REQUEST_BYTES}</td><td>{@code 1048576}</td></tr>
 * </table>
 *
 * @param secretKey the JWT HS256 key, used as its UTF-8 bytes
 * @param encryptionKeys Fernet keys for stored credentials, newest first
 */
public record AppConfig(
    String host,
    int port,
    Path dataDirectory,
    String secretKey,
    List<String> encryptionKeys,
    DatabaseSettings database,
    Duration accessTokenTtl,
    String defaultLlmModel,
    long maxRequestBytes) {

  public static final int MIN_SECRET_KEY_BYTES = 32;
  public static final String DEFAULT_LLM_MODEL = "claude-sonnet-4-5";

  public AppConfig {
    requireNonNull(host, "host is null");
    if (port < 0 || port > 65_535) {
      throw new ConfigException("PORT must be between 0 and 65535: " + port);
    }
    requireNonNull(dataDirectory, "dataDirectory is null");
    requireNonNull(secretKey, "secretKey is null");
    if (secretKey.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_KEY_BYTES) {
      throw new ConfigException(
          "SECRET_KEY must be at least " + MIN_SECRET_KEY_BYTES + " bytes long");
    }
    encryptionKeys = List.copyOf(encryptionKeys);
    if (encryptionKeys.isEmpty()) {
      throw new ConfigException("ENCRYPTION_KEYS holds no key");
    }
    requireNonNull(database, "database is null");
    if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
      throw new ConfigException("ACCESS_TOKEN_EXPIRE_MINUTES must be positive");
    }
    if (defaultLlmModel.isBlank()) {
      throw new ConfigException("DEFAULT_LLM_MODEL is blank");
    }
    if (maxRequestBytes < 1) {
      throw new ConfigException("MAX_REQUEST_BYTES must be positive");
    }
  }

  /**
   * The settings in {@code env}; secrets that are not set are read from, or generated into, files
   * under {@code DATA_DIR}.
   *
   * @throws ConfigException naming the first bad setting
   */
  public static AppConfig fromEnvironment(Map<String, String> env) {
    requireNonNull(env, "env is null");
    Path dataDirectory = Path.of(text(env, "DATA_DIR").orElse("data"));
    SecureRandom random = new SecureRandom();

    // Checked before anything is written, so a bad key stops start-up without side effects.
    Optional<String> secretKey = text(env, "SECRET_KEY");
    secretKey.ifPresent(
        key -> {
          if (key.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_KEY_BYTES) {
            throw new ConfigException(
                "SECRET_KEY must be at least " + MIN_SECRET_KEY_BYTES + " bytes long");
          }
        });
    DatabaseSettings database;
    try {
      database = DatabaseSettings.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    List<String> encryptionKeys =
        text(env, "ENCRYPTION_KEYS")
            .or(() -> text(env, "ENCRYPTION_KEY"))
            .map(AppConfig::splitKeys)
            .orElse(null);
    if (encryptionKeys != null) {
      try {
        new FernetCredentialCipher(encryptionKeys, random, java.time.Clock.systemUTC());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("ENCRYPTION_KEYS: " + e.getMessage(), e);
      }
    }

    return new AppConfig(
        text(env, "HOST").orElse("127.0.0.1"),
        integer(env, "PORT", 8000),
        dataDirectory,
        secretKey.orElseGet(
            () ->
                SecretFiles.readOrCreate(
                    dataDirectory.resolve("secret_key"), () -> randomText(random, 48))),
        encryptionKeys != null
            ? encryptionKeys
            : List.of(
                SecretFiles.readOrCreate(
                    dataDirectory.resolve("encryption_key"),
                    () -> FernetCredentialCipher.generateKey(random))),
        database,
        Duration.ofMinutes(integer(env, "ACCESS_TOKEN_EXPIRE_MINUTES", 30)),
        text(env, "DEFAULT_LLM_MODEL").orElse(DEFAULT_LLM_MODEL),
        integer(env, "MAX_REQUEST_BYTES", 1_048_576));
  }

  public AppConfig withPort(int value) {
    return new AppConfig(
        host,
        value,
        dataDirectory,
        secretKey,
        encryptionKeys,
        database,
        accessTokenTtl,
        defaultLlmModel,
        maxRequestBytes);
  }

  public AppConfig withDatabase(DatabaseSettings value) {
    return new AppConfig(
        host,
        port,
        dataDirectory,
        secretKey,
        encryptionKeys,
        value,
        accessTokenTtl,
        defaultLlmModel,
        maxRequestBytes);
  }

  private static List<String> splitKeys(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
  }

  private static Optional<String> text(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static int integer(Map<String, String> env, String name, int defaultValue) {
    Optional<String> value = text(env, name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " is not a whole number: " + value.get(), e);
    }
  }

  private static String randomText(SecureRandom random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  @Override
  public String toString() {
    return "AppConfig[host="
        + host
        + ", port="
        + port
        + ", dataDirectory="
        + dataDirectory
        + ", database="
        + database
        + ", accessTokenTtl="
        + accessTokenTtl
        + ", defaultLlmModel="
        + defaultLlmModel
        + "]";
  }
}
