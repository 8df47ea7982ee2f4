package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.servicetsunami.ports.out.AgentMemoryRepository;
import io.servicetsunami.ports.out.AgentRepository;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.ChatSessionRepository;
import io.servicetsunami.ports.out.DataPipelineRepository;
import io.servicetsunami.ports.out.DatasetRepository;
import io.servicetsunami.ports.out.ExecutionTraceRepository;
import io.servicetsunami.ports.out.KnowledgeGraphRepository;
import io.servicetsunami.ports.out.PipelineRunRepository;
import io.servicetsunami.ports.out.SkillConfigRepository;
import io.servicetsunami.ports.out.SkillCredentialRepository;
import io.servicetsunami.ports.out.TenantInstanceRepository;
import io.servicetsunami.ports.out.TenantRepository;
import io.servicetsunami.ports.out.UserRepository;
import io.servicetsunami.ports.out.WatermarkRepository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

/**
 * The persistence adapter, started: a PostgreSQL server (embedded or external), a connection pool,
 * the schema migrated to this build's version, and one repository per repository port.
 *
 * <p>{@link #start} with {@link DatabaseSettings#embedded} (or without {@code DATABASE_URL}) starts
 * an embedded PostgreSQL on a persistent data directory; with {@link DatabaseSettings#external} it
 * connects to that server. Either way it then runs the Flyway migrations, refusing a database whose
 * schema is newer than this build, and has Hibernate validate the result.
 *
 * <p>The pool (HikariCP) opens at most {@link DatabaseSettings#maxPoolSize()} connections (default
 * 10: a fraction of PostgreSQL's default 100 {@code max_connections}, so several control-plane
 * processes and an operator's tools fit) and keeps two open when idle. A call waits at most {@link
 * DatabaseSettings#connectionTimeout()} (10 s) for a connection, then fails with {@code
 * TransientException(database_unavailable)}. Connections idle for 10 minutes are closed, and every
 * connection is replaced after 30 minutes, before typical firewall and proxy idle cut-offs.
 *
 * <p>Thread-safe; the repositories may be shared by all threads. {@link #close()} closes the pool
 * and stops the embedded server.
 */
public final class PostgresPersistence implements AutoCloseable {

  private final Optional<EmbeddedDatabase> embedded;
  private final DatabaseUrl url;
  private final HikariDataSource pool;
  private final SessionFactory sessions;
  private final AtomicBoolean closed = new AtomicBoolean();

  private final JpaTenantRepository tenants;
  private final JpaUserRepository users;
  private final JpaAgentRepository agents;
  private final JpaAgentTaskRepository tasks;
  private final JpaExecutionTraceRepository traces;
  private final JpaTenantInstanceRepository instances;
  private final JpaSkillConfigRepository skillConfigs;
  private final JpaSkillCredentialRepository skillCredentials;
  private final JpaAgentMemoryRepository memories;
  private final JpaKnowledgeGraphRepository knowledge;
  private final JpaDatasetRepository datasets;
  private final JpaDataPipelineRepository pipelines;
  private final JpaPipelineRunRepository pipelineRuns;
  private final JpaWatermarkRepository watermarks;
  private final JpaChatSessionRepository chatSessions;

  private PostgresPersistence(
      Optional<EmbeddedDatabase> embedded,
      DatabaseUrl url,
      HikariDataSource pool,
      SessionFactory sessions) {
    this.embedded = embedded;
    this.url = url;
    this.pool = pool;
    this.sessions = sessions;
    Transactions transactions = new Transactions(sessions);
    this.tenants = new JpaTenantRepository(transactions);
    this.users = new JpaUserRepository(transactions);
    this.agents = new JpaAgentRepository(transactions);
    this.tasks = new JpaAgentTaskRepository(transactions);
    this.traces = new JpaExecutionTraceRepository(transactions);
    this.instances = new JpaTenantInstanceRepository(transactions);
    this.skillConfigs = new JpaSkillConfigRepository(transactions);
    this.skillCredentials = new JpaSkillCredentialRepository(transactions);
    this.memories = new JpaAgentMemoryRepository(transactions);
    this.knowledge = new JpaKnowledgeGraphRepository(transactions);
    this.datasets = new JpaDatasetRepository(transactions);
    this.pipelines = new JpaDataPipelineRepository(transactions);
    this.pipelineRuns = new JpaPipelineRunRepository(transactions);
    this.watermarks = new JpaWatermarkRepository(transactions);
    this.chatSessions = new JpaChatSessionRepository(transactions);
  }

  /**
   * Starts the database as {@code settings} say, migrates it and returns the repositories.
   *
   * @throws IllegalStateException with a message saying what is wrong if the server cannot be
   *     started or reached, or if its schema is newer than this build knows
   */
  public static PostgresPersistence start(DatabaseSettings settings) {
    requireNonNull(settings, "settings is null");
    EmbeddedDatabase embedded = null;
    HikariDataSource pool = null;
    try {
      DatabaseUrl url;
      if (settings.isEmbedded()) {
        embedded = EmbeddedDatabase.start(settings.dataDirectory(), settings.durable());
        url = embedded.url();
      } else {
        url = DatabaseUrl.parse(settings.databaseUrl().orElseThrow());
      }
      String where = DatabaseUrl.redacted(url.jdbcUrl());
      pool = openPool(url, settings, where);
      SchemaMigrations.migrate(pool, where);
      SessionFactory sessions = SessionFactories.build(pool);
      return new PostgresPersistence(Optional.ofNullable(embedded), url, pool, sessions);
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      if (embedded != null) {
        embedded.close();
      }
      throw e instanceof IllegalStateException || e instanceof IllegalArgumentException
          ? e
          : new IllegalStateException("cannot start the database: " + e.getMessage(), e);
    }
  }

  private static HikariDataSource openPool(
      DatabaseUrl url, DatabaseSettings settings, String where) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("servicetsunami-db");
    config.setJdbcUrl(url.jdbcUrl());
    url.user().ifPresent(config::setUsername);
    url.password().ifPresent(config::setPassword);
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setValidationTimeout(Math.min(5_000, settings.connectionTimeout().toMillis()));
    config.setIdleTimeout(Duration.ofMinutes(10).toMillis());
    config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
    // Wait for a server that is still starting, then fail start-up rather than the first call.
    config.setInitializationFailTimeout(settings.startupTimeout().toMillis());
    config.addDataSourceProperty("ApplicationName", "servicetsunami");
    // Sends a JDBC batch of INSERTs as multi-row statements (bulk loads, the benchmark's seeding).
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot connect to the database " + where + " within " + settings.startupTimeout(), e);
    }
  }

  public TenantRepository tenants() {
    return tenants;
  }

  public UserRepository users() {
    return users;
  }

  public AgentRepository agents() {
    return agents;
  }

  public AgentTaskRepository tasks() {
    return tasks;
  }

  public ExecutionTraceRepository traces() {
    return traces;
  }

  public TenantInstanceRepository instances() {
    return instances;
  }

  public SkillConfigRepository skillConfigs() {
    return skillConfigs;
  }

  public SkillCredentialRepository skillCredentials() {
    return skillCredentials;
  }

  public AgentMemoryRepository memories() {
    return memories;
  }

  public KnowledgeGraphRepository knowledge() {
    return knowledge;
  }

  public DatasetRepository datasets() {
    return datasets;
  }

  public DataPipelineRepository pipelines() {
    return pipelines;
  }

  public PipelineRunRepository pipelineRuns() {
    return pipelineRuns;
  }

  public WatermarkRepository watermarks() {
    return watermarks;
  }

  public ChatSessionRepository chatSessions() {
    return chatSessions;
  }

  /**
   * The pooled connections, for operational tools (health checks, backups, benchmarks). The control
   * plane's data is reached through the repositories, which scope every query by tenant.
   */
  public DataSource dataSource() {
    return pool;
  }

  /** The embedded server's data directory; empty with an external server. */
  public Optional<Path> dataDirectory() {
    return embedded.map(EmbeddedDatabase::dataDirectory);
  }

  DatabaseUrl url() {
    return url;
  }

  Optional<EmbeddedDatabase> embedded() {
    return embedded;
  }

  /** Closes the pool and stops the embedded server, if any. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      sessions.close();
    } finally {
      try {
        pool.close();
      } finally {
        embedded.ifPresent(EmbeddedDatabase::close);
      }
    }
  }
}
