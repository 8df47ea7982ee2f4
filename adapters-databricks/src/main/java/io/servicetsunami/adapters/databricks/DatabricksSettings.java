package io.servicetsunami.adapters.databricks;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach a Databricks SQL warehouse and where the lakehouse lives in Unity Catalog.
 *
 * @param host the workspace URL, e.g. {@code https://adb-123.4.azuredatabricks.net}
 * @param token a personal access or service-principal OAuth token, sent as a bearer token
 * @param warehouseId the SQL warehouse that runs every statement
 * @param catalog the Unity Catalog catalog holding the tenants' schemas
 * @param waitTimeout how long {@code POST /api/2.0/sql/statements} waits for a result before it
 *     answers with a statement id to poll: 0 or 5–50 s (default 10 s)
 * @param pollInterval the first pause between polls of a running statement; it doubles up to 5 s
 * @param statementTimeout how long one statement may run before it is cancelled and reported as
 *     {@code lakehouse_unavailable} (default 30 min)
 * @param requestTimeout how long one HTTP request may take (default 60 s)
 * @param maxAttempts how many times a request answered 429 or 503 is sent in all (default 5)
 * @param maxRetryWait the longest pause between attempts, whatever {@code Retry-After} says
 * @param rowsPerInsert how many staged rows one {@code INSERT … VALUES} carries (default 500)
 * @param maxParametersPerInsert how many parameters one {@code INSERT} carries at most (default 2
 *     000); rows per insert shrink for wide tables
 * @param idleFlush how long a staging sink waits without a new row before it writes its last rows
 *     (default 2 s); see {@link DatabricksLakehouse}
 * @param maxFileBytes the largest CSV or JSON file {@code stageFile} accepts (default 256 MiB)
 */
public record DatabricksSettings(
    URI host,
    Secret token,
    String warehouseId,
    String catalog,
    Duration waitTimeout,
    Duration pollInterval,
    Duration statementTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration maxRetryWait,
    int rowsPerInsert,
    int maxParametersPerInsert,
    Duration idleFlush,
    long maxFileBytes) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

  public DatabricksSettings {
    requireNonNull(host, "host is null");
    requireNonNull(token, "token is null");
    requireNonNull(warehouseId, "warehouseId is null");
    requireNonNull(catalog, "catalog is null");
    if (!"https".equals(host.getScheme()) && !"http".equals(host.getScheme())) {
      throw new IllegalArgumentException("host must be an http(s) URL: " + host);
    }
    if (!NAME.matcher(warehouseId).matches()) {
      throw new IllegalArgumentException("warehouseId is not a warehouse id: " + warehouseId);
    }
    if (!NAME.matcher(catalog).matches()) {
      throw new IllegalArgumentException("catalog is not a catalog name: " + catalog);
    }
    requireNonNull(waitTimeout, "waitTimeout is null");
    long wait = waitTimeout.toSeconds();
    if (waitTimeout.toMillis() % 1000 != 0 || (wait != 0 && (wait < 5 || wait > 50))) {
      throw new IllegalArgumentException("waitTimeout must be 0 or 5 to 50 s: " + waitTimeout);
    }
    requirePositive(pollInterval, "pollInterval");
    requirePositive(statementTimeout, "statementTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    requireNonNull(maxRetryWait, "maxRetryWait is null");
    requireNonNull(idleFlush, "idleFlush is null");
    requirePositive(idleFlush, "idleFlush");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (rowsPerInsert < 1 || maxParametersPerInsert < 1) {
      throw new IllegalArgumentException("rowsPerInsert and maxParametersPerInsert must be >= 1");
    }
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes must be positive: " + maxFileBytes);
    }
  }

  /** The warehouse {@code warehouseId} of workspace {@code host}, with default limits. */
  public static DatabricksSettings of(URI host, Secret token, String warehouseId, String catalog) {
    return new DatabricksSettings(
        host,
        token,
        warehouseId,
        catalog,
        Duration.ofSeconds(10),
        Duration.ofMillis(500),
        Duration.ofMinutes(30),
        Duration.ofSeconds(60),
        5,
        Duration.ofSeconds(60),
        500,
        2_000,
        Duration.ofSeconds(2),
        256L << 20);
  }

  /**
   * Settings from {@code DATABRICKS_HOST}, {@code DATABRICKS_TOKEN}, {@code
   * DATABRICKS_WAREHOUSE_ID} and {@code DATABRICKS_CATALOG} (default {@code main}); empty unless
   * the host is set.
   */
  public static Optional<DatabricksSettings> fromEnvironment(Map<String, String> env) {
    requireNonNull(env, "env is null");
    String host = env.get("DATABRICKS_HOST");
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    String token = required(env, "DATABRICKS_TOKEN");
    String warehouse = required(env, "DATABRICKS_WAREHOUSE_ID");
    String catalog =
        Optional.ofNullable(env.get("DATABRICKS_CATALOG"))
            .filter(c -> !c.isBlank())
            .map(String::strip)
            .orElse("main");
    String url = host.strip();
    if (!url.contains("://")) {
      url = "https://" + url;
    }
    return Optional.of(of(URI.create(url), Secret.of(token.strip()), warehouse.strip(), catalog));
  }

  public DatabricksSettings withTimings(
      Duration waitTimeout, Duration pollInterval, Duration statementTimeout) {
    return new DatabricksSettings(
        host,
        token,
        warehouseId,
        catalog,
        waitTimeout,
        pollInterval,
        statementTimeout,
        requestTimeout,
        maxAttempts,
        maxRetryWait,
        rowsPerInsert,
        maxParametersPerInsert,
        idleFlush,
        maxFileBytes);
  }

  public DatabricksSettings withRetries(int attempts, Duration maxWait) {
    return new DatabricksSettings(
        host,
        token,
        warehouseId,
        catalog,
        waitTimeout,
        pollInterval,
        statementTimeout,
        requestTimeout,
        attempts,
        maxWait,
        rowsPerInsert,
        maxParametersPerInsert,
        idleFlush,
        maxFileBytes);
  }

  public DatabricksSettings withStaging(int rows, int maxParameters, Duration idle) {
    return new DatabricksSettings(
        host,
        token,
        warehouseId,
        catalog,
        waitTimeout,
        pollInterval,
        statementTimeout,
        requestTimeout,
        maxAttempts,
        maxRetryWait,
        rows,
        maxParameters,
        idle,
        maxFileBytes);
  }

  public DatabricksSettings withMaxFileBytes(long bytes) {
    return new DatabricksSettings(
        host,
        token,
        warehouseId,
        catalog,
        waitTimeout,
        pollInterval,
        statementTimeout,
        requestTimeout,
        maxAttempts,
        maxRetryWait,
        rowsPerInsert,
        maxParametersPerInsert,
        idleFlush,
        bytes);
  }

  @Override
  public String toString() {
    return "DatabricksSettings[host="
        + host
        + ", warehouseId="
        + warehouseId
        + ", catalog="
        + catalog
        + ", token=******]";
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be set when DATABRICKS_HOST is");
    }
    return value;
  }

  private static void requirePositive(Duration duration, String name) {
    requireNonNull(duration, name + " is null");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
