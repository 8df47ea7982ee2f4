package io.servicetsunami.e2e;

import io.servicetsunami.adapters.connectors.HostPolicy;
import io.servicetsunami.adapters.connectors.PostgresSourceConnector;
import io.servicetsunami.adapters.duckdb.DuckDbLakehouse;
import io.servicetsunami.adapters.duckdb.DuckDbSettings;
import io.servicetsunami.adapters.persistence.DatabaseSettings;
import io.servicetsunami.adapters.persistence.PostgresPersistence;
import io.servicetsunami.adapters.persistence.vault.FernetCredentialCipher;
import io.servicetsunami.adapters.temporal.TemporalConnection;
import io.servicetsunami.adapters.temporal.TemporalSettings;
import io.servicetsunami.adapters.temporal.TemporalWorkers;
import io.servicetsunami.core.pipeline.DataSyncStepsService;
import io.servicetsunami.core.pipeline.PipelineService;
import io.servicetsunami.core.workflow.WorkflowCatalog;
import io.servicetsunami.ports.in.SubmitTaskUseCase;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.testing.FakeLlmClient;
import io.servicetsunami.ports.testing.InMemoryDatasetFileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The data-pipeline half of the library, assembled by hand the way an embedding JVM service does
 * it: the core's {@link PipelineService} and {@link DataSyncStepsService} over the real adapters —
 * the embedded PostgreSQL ({@link PostgresPersistence}) for the control plane's records, the
 * embedded Temporal server on loopback with workers on the {@code servicetsunami-databricks} queue,
 * the DuckDB lakehouse in a temporary directory, and the PostgreSQL source connector.
 *
 * <p>The source tables live in a database of their own ({@value #SOURCE_DATABASE}) on the same
 * embedded server, read by the connector as a read-only role over TCP with credentials from the
 * Fernet vault, exactly as a tenant's external database would be.
 *
 * <p>Three collaborators of {@link DataSyncStepsService} serve workflows these tests never start
 * (dataset uploads, knowledge extraction, agent kits) and are the ports' in-memory fakes; the task
 * submitter refuses every call, so a test that reached it would fail.
 */
final class DataPipelineAssembly implements AutoCloseable {

  static final String SOURCE_DATABASE = "shop";
  static final String CONNECTION_SKILL = "postgres-shop";
  private static final String READER = "shop_reader";
  private static final String READER_PASSWORD = "reader-secret";

  final Path directory;
  final PostgresPersistence persistence;
  final TemporalConnection temporal;
  final DuckDbLakehouse lakehouse;
  final TemporalWorkers workers;
  final PipelineService pipelines;
  final DataSyncStepsService steps;
  final CredentialCipher cipher;
  final Clock clock = new SystemClock();
  private final String sourceJdbcUrl;
  private boolean closed;

  private DataPipelineAssembly(
      Path directory,
      PostgresPersistence persistence,
      TemporalConnection temporal,
      DuckDbLakehouse lakehouse) {
    this.directory = directory;
    this.persistence = persistence;
    this.temporal = temporal;
    this.lakehouse = lakehouse;
    SecureRandom random = new SecureRandom();
    this.cipher =
        new FernetCredentialCipher(
            List.of(FernetCredentialCipher.generateKey(random)),
            random,
            java.time.Clock.systemUTC());
    IdGenerator ids = new UuidIds();
    SubmitTaskUseCase noTasks =
        command -> {
          throw new IllegalStateException("no agent kit runs in the data-pipeline tests");
        };
    this.steps =
        new DataSyncStepsService(
            persistence.pipelines(),
            persistence.pipelineRuns(),
            persistence.datasets(),
            new InMemoryDatasetFileStore(),
            lakehouse,
            List.of(new PostgresSourceConnector(HostPolicy.builder().allowLoopback(true).build())),
            persistence.skillCredentials(),
            cipher,
            persistence.watermarks(),
            persistence.chatSessions(),
            persistence.knowledge(),
            new FakeLlmClient(),
            "claude-sonnet-4-5",
            noTasks,
            clock,
            ids);
    this.pipelines =
        new PipelineService(
            persistence.pipelines(),
            persistence.pipelineRuns(),
            persistence.datasets(),
            temporal.engine(WorkflowCatalog.all()),
            temporal.schedules(WorkflowCatalog.all()),
            clock,
            ids);
    this.workers =
        temporal
            .workers(WorkflowCatalog.all())
            .queues(Set.of(WorkflowCatalog.DATABRICKS_QUEUE))
            .dataSyncSteps(steps)
            .build();
    this.sourceJdbcUrl = createSourceDatabase(persistence);
    workers.start();
  }

  /** Starts everything; {@link #close()} stops it and deletes the temporary directory. */
  static DataPipelineAssembly start() {
    Path directory;
    try {
      directory = Files.createTempDirectory("e2e-data-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PostgresPersistence persistence = null;
    TemporalConnection temporal = null;
    DuckDbLakehouse lakehouse = null;
    try {
      persistence =
          PostgresPersistence.start(
              DatabaseSettings.embedded(directory.resolve("postgres")).withDurable(false));
      temporal = TemporalConnection.open(TemporalSettings.embedded(0));
      lakehouse = new DuckDbLakehouse(DuckDbSettings.inDirectory(directory.resolve("lakehouse")));
      return new DataPipelineAssembly(directory, persistence, temporal, lakehouse);
    } catch (RuntimeException e) {
      closeQuietly(lakehouse, e);
      closeQuietly(temporal, e);
      closeQuietly(persistence, e);
      throw e;
    }
  }

  /** A new tenant, with the source's connection settings stored (encrypted) in its vault. */
  TenantId newTenantWithSourceConnection() {
    TenantId tenant = new TenantId(UUID.randomUUID());
    Instant now = clock.now();
    persistence.tenants().create(new Tenant(tenant, "Shop " + tenant, "claude-sonnet-4-5", now));
    Map<String, String> connection =
        Map.of("url", sourceJdbcUrl, "user", READER, "password", READER_PASSWORD);
    connection.forEach(
        (key, value) ->
            persistence
                .skillCredentials()
                .put(
                    new SkillCredential(
                        tenant,
                        CONNECTION_SKILL,
                        key,
                        cipher.encrypt(tenant, Secret.of(value)),
                        now)));
    return tenant;
  }

  /** A connection to the source database as its owner, for the test to change the source. */
  Connection sourceOwner() throws SQLException {
    try (Connection control = persistence.dataSource().getConnection()) {
      String url = control.getMetaData().getURL();
      return DriverManager.getConnection(
          withDatabase(url, SOURCE_DATABASE), control.getMetaData().getUserName(), "");
    }
  }

  /** Waits until the run is closed by its workflow, and returns it. */
  PipelineRun awaitClosed(TenantId tenant, RunId run, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      PipelineRun found = persistence.pipelineRuns().find(tenant, run).orElse(null);
      if (found != null && found.status().isTerminal()) {
        return found;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("run " + run + " not closed within " + timeout + ": " + found);
      }
      sleep(Duration.ofMillis(100));
    }
  }

  /** The pipeline's runs, oldest first. */
  List<PipelineRun> runs(TenantId tenant, PipelineId pipeline) {
    return persistence.pipelineRuns().listByPipeline(tenant, pipeline, new Page(0, 100)).stream()
        .sorted(Comparator.comparing(PipelineRun::startedAt))
        .toList();
  }

  /**
   * Stops the workers and closes the lakehouse, so that the test may open the DuckDB file itself
   * (DuckDB lets one database instance own a file); the rest stays up until {@link #close()}.
   * Returns the file.
   */
  Path releaseLakehouse() {
    workers.close();
    lakehouse.close();
    return directory.resolve("lakehouse").resolve("lakehouse.duckdb");
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = new RuntimeException("closing the data-pipeline assembly");
    closeQuietly(workers, failure);
    closeQuietly(lakehouse, failure);
    closeQuietly(temporal, failure);
    closeQuietly(persistence, failure);
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a temporary directory: best effort
    }
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String createSourceDatabase(PostgresPersistence persistence) {
    try (Connection control = persistence.dataSource().getConnection();
        Statement statement = control.createStatement()) {
      statement.execute("CREATE DATABASE " + SOURCE_DATABASE);
      statement.execute("CREATE ROLE " + READER + " LOGIN PASSWORD '" + READER_PASSWORD + "'");
      String url = withDatabase(control.getMetaData().getURL(), SOURCE_DATABASE);
      try (Connection source =
              DriverManager.getConnection(url, control.getMetaData().getUserName(), "");
          Statement inSource = source.createStatement()) {
        inSource.execute("CREATE SCHEMA sales");
        inSource.execute("GRANT USAGE ON SCHEMA sales TO " + READER);
        inSource.execute(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA sales GRANT SELECT ON TABLES TO " + READER);
      }
      // The connector is handed a plain URL on 127.0.0.1, as a tenant would type it.
      Matcher port = Pattern.compile("//[^:/]+:(\\d+)/").matcher(url);
      if (!port.find()) {
        throw new IllegalStateException("no port in " + url);
      }
      return "jdbc:postgresql://127.0.0.1:" + port.group(1) + "/" + SOURCE_DATABASE;
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the source database", e);
    }
  }

  private static String withDatabase(String jdbcUrl, String database) {
    return jdbcUrl.replaceFirst("(//[^/]+/)[^?]*", "$1" + database);
  }

  private static void closeQuietly(AutoCloseable closeable, RuntimeException failure) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }

  private static final class SystemClock implements Clock {
    @Override
    public Instant now() {
      return Instant.now();
    }
  }

  private static final class UuidIds implements IdGenerator {
    @Override
    public UUID newId() {
      return UUID.randomUUID();
    }

    @Override
    public UUID idFor(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("name is blank");
      }
      return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
  }
}
