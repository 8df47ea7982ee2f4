package io.servicetsunami.benchmarks;

import io.servicetsunami.adapters.persistence.DatabaseSettings;
import io.servicetsunami.adapters.persistence.PostgresPersistence;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskPriority;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TraceId;
import io.servicetsunami.ports.out.Page;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Measures the persistence adapter on the embedded PostgreSQL, through the repository ports:
 *
 * <ol>
 *   <li>trace inserts per second ({@code ExecutionTraceRepository.append}, one transaction each),
 *       from one thread and from several, and the rate of idempotent re-appends;
 *   <li>{@code AgentTaskRepository.list} latency for pages of 50 among 100,000 tasks of one tenant,
 *       p50/p90/p99 over random pages with and without a status filter.
 * </ol>
 *
 * <p>Usage and options: {@code benchmarks/README.md}. Prints figures only; asserts nothing.
 */
public final class PersistenceBenchmark {

  private static final PrintStream OUT = System.out;
  private static final int STEPS = 5;
  private static final int PAGE = 50;
  private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

  private PersistenceBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path dataDirectory =
        options.dataDirectory != null
            ? options.dataDirectory
            : Files.createTempDirectory("servicetsunami-benchmark-");
    try {
      run(options, dataDirectory);
    } finally {
      if (options.dataDirectory == null) {
        deleteRecursively(dataDirectory);
      }
    }
  }

  private static void run(Options options, Path dataDirectory) throws Exception {
    OUT.printf(
        Locale.ROOT,
        "ServiceTsunami persistence benchmark: %d cores, Java %s, %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        options.durable ? "durable commits (fsync on)" : "fsync off");
    long started = System.nanoTime();
    DatabaseSettings settings =
        DatabaseSettings.embedded(dataDirectory)
            .withDurable(options.durable)
            .withMaxPoolSize(options.threads + 2);
    try (PostgresPersistence db = PostgresPersistence.start(settings)) {
      OUT.printf(
          Locale.ROOT,
          "embedded PostgreSQL started and migrated in %.1f s (data in %s)%n%n",
          seconds(System.nanoTime() - started),
          dataDirectory);
      traceInserts(db, options);
      taskListing(db, options);
    }
  }

  // ---- trace inserts ----------------------------------------------------------------------------

  private static void traceInserts(PostgresPersistence db, Options options) throws Exception {
    TenantId tenant = newTenant(db, "traces");
    int tasksPerThread = Math.max(1, options.traces / STEPS / options.threads);

    OUT.println("execution_traces: append (one transaction per trace)");
    List<TaskId> warmUp = createTasks(db, tenant, 100);
    appendTraces(db, tenant, warmUp);

    List<TaskId> single = createTasks(db, tenant, tasksPerThread * options.threads);
    long t0 = System.nanoTime();
    int written = appendTraces(db, tenant, single);
    report("1 thread", written, System.nanoTime() - t0);

    List<List<TaskId>> shares = new ArrayList<>();
    for (int i = 0; i < options.threads; i++) {
      shares.add(createTasks(db, tenant, tasksPerThread));
    }
    ExecutorService pool = Executors.newFixedThreadPool(options.threads);
    try {
      long t1 = System.nanoTime();
      List<Future<Integer>> done = new ArrayList<>();
      for (List<TaskId> share : shares) {
        done.add(pool.submit(() -> appendTraces(db, tenant, share)));
      }
      int total = 0;
      for (Future<Integer> d : done) {
        total += d.get();
      }
      report(options.threads + " threads", total, System.nanoTime() - t1);
    } finally {
      pool.shutdownNow();
    }

    long t2 = System.nanoTime();
    int again = appendTraces(db, tenant, single);
    report("retried (same ids, no-op)", again, System.nanoTime() - t2);
    long rows =
        count(db, "SELECT count(*) FROM execution_traces WHERE tenant_id = ?", tenant.value());
    OUT.printf(Locale.ROOT, "  rows stored: %,d (retries added none)%n%n", rows);
  }

  private static List<TaskId> createTasks(PostgresPersistence db, TenantId tenant, int count) {
    List<TaskId> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      AgentTask task =
          AgentTask.submitted(
              new TaskId(UUID.randomUUID()),
              tenant,
              "Summarise report " + i,
              "research",
              TaskPriority.NORMAL,
              List.of("research"),
              Map.of("source", "report-" + i + ".pdf"),
              false,
              EPOCH.plusSeconds(i));
      ids.add(db.tasks().create(task).id());
    }
    return ids;
  }

  /** The five pipeline traces of each task, with ids derived as the core derives them. */
  private static int appendTraces(PostgresPersistence db, TenantId tenant, List<TaskId> tasks) {
    StepType[] steps = {
      StepType.DISPATCHED,
      StepType.MEMORY_RECALL,
      StepType.EXECUTING,
      StepType.ENTITY_PERSIST,
      StepType.COMPLETED
    };
    int written = 0;
    for (TaskId task : tasks) {
      for (int step = 0; step < STEPS; step++) {
        UUID id =
            UUID.nameUUIDFromBytes(
                ("trace:" + task + ":" + steps[step].wire()).getBytes(StandardCharsets.UTF_8));
        db.traces()
            .append(
                new ExecutionTrace(
                    new TraceId(id),
                    task,
                    tenant,
                    steps[step],
                    step + 1,
                    Optional.empty(),
                    Map.of("step", steps[step].wire(), "attempt", 1, "score", 0.87),
                    120 + step,
                    EPOCH.plusMillis(step)));
        written++;
      }
    }
    return written;
  }

  private static void report(String what, int traces, long nanos) {
    OUT.printf(
        Locale.ROOT,
        "  %-26s %,7d traces in %6.2f s = %,8.0f inserts/s%n",
        what,
        traces,
        seconds(nanos),
        traces / seconds(nanos));
  }

  // ---- task listing -----------------------------------------------------------------------------

  private static void taskListing(PostgresPersistence db, Options options) throws SQLException {
    TenantId tenant = newTenant(db, "tasks");
    OUT.printf(Locale.ROOT, "agent_tasks: list, pages of %d, one tenant%n", PAGE);
    long t0 = System.nanoTime();
    seedTasks(db, tenant, options.tasks);
    OUT.printf(
        Locale.ROOT,
        "  seeded %,d tasks (JDBC batches of 1,000) in %.1f s%n",
        options.tasks,
        seconds(System.nanoTime() - t0));
    Map<TaskStatus, Long> perStatus = countByStatus(db, tenant);
    OUT.println("  by status: " + perStatus);

    Random random = new Random(42);
    TaskStatus[] statuses = TaskStatus.values();
    for (int i = 0; i < 50; i++) {
      db.tasks().list(tenant, Optional.empty(), new Page(random.nextInt(options.tasks), PAGE));
    }
    long[] all = new long[options.pages];
    long[] unfiltered = new long[(options.pages + 1) / 2];
    long[] filtered = new long[options.pages / 2];
    for (int i = 0; i < options.pages; i++) {
      Optional<TaskStatus> status =
          i % 2 == 0 ? Optional.empty() : Optional.of(statuses[random.nextInt(statuses.length)]);
      long rows = status.map(perStatus::get).orElse((long) options.tasks);
      int offset = (int) (random.nextDouble() * Math.max(1, rows - PAGE));
      long start = System.nanoTime();
      List<AgentTask> page = db.tasks().list(tenant, status, new Page(offset, PAGE));
      long took = System.nanoTime() - start;
      if (page.size() != Math.min(PAGE, rows - offset)) {
        throw new IllegalStateException("page of " + page.size() + " at offset " + offset);
      }
      all[i] = took;
      if (i % 2 == 0) {
        unfiltered[i / 2] = took;
      } else {
        filtered[i / 2] = took;
      }
    }
    long[] firstPages = new long[50];
    for (int i = 0; i < firstPages.length; i++) {
      Optional<TaskStatus> status =
          i % 2 == 0 ? Optional.empty() : Optional.of(statuses[random.nextInt(statuses.length)]);
      long start = System.nanoTime();
      db.tasks().list(tenant, status, Page.first(PAGE));
      firstPages[i] = System.nanoTime() - start;
    }
    percentiles(options.pages + " random pages", all);
    percentiles("  of which no filter", unfiltered);
    percentiles("  of which status filter", filtered);
    percentiles("first page (newest 50)", firstPages);
  }

  /** 100k tasks as the app would write them, inserted with JDBC batches (multi-row INSERTs). */
  private static void seedTasks(PostgresPersistence db, TenantId tenant, int count)
      throws SQLException {
    TaskStatus[] mix = new TaskStatus[20];
    Arrays.fill(mix, 0, 14, TaskStatus.COMPLETED);
    Arrays.fill(mix, 14, 16, TaskStatus.FAILED);
    mix[16] = TaskStatus.QUEUED;
    mix[17] = TaskStatus.THINKING;
    mix[18] = TaskStatus.EXECUTING;
    mix[19] = TaskStatus.WAITING_INPUT;
    String sql =
        "INSERT INTO agent_tasks (id, tenant_id, objective, task_type, priority,"
            + " required_capabilities, context, requires_approval, status, output, revision,"
            + " created_at, updated_at)"
            + " VALUES (?, ?, ?, 'research', ?, '[\"research\"]'::jsonb, ?::jsonb, false, ?,"
            + " ?::jsonb, 0, ?, ?)";
    Random random = new Random(7);
    try (Connection connection = db.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        for (int i = 0; i < count; i++) {
          TaskStatus status = mix[random.nextInt(mix.length)];
          Timestamp created = Timestamp.from(EPOCH.plusSeconds(i));
          insert.setObject(1, UUID.randomUUID());
          insert.setObject(2, tenant.value());
          insert.setString(3, "Benchmark task " + i);
          insert.setString(4, TaskPriority.values()[i % 4].wire());
          insert.setString(5, "{\"source\": \"report-" + i + ".pdf\"}");
          insert.setString(6, status.wire());
          insert.setString(
              7, status == TaskStatus.COMPLETED ? "{\"summary\": \"done\", \"pages\": 3}" : "{}");
          insert.setTimestamp(8, created);
          insert.setTimestamp(9, created);
          insert.addBatch();
          if ((i + 1) % 1000 == 0 || i == count - 1) {
            insert.executeBatch();
            connection.commit();
          }
        }
      }
      try (Statement analyze = connection.createStatement()) {
        analyze.execute("ANALYZE agent_tasks");
      }
      connection.commit();
    }
  }

  private static Map<TaskStatus, Long> countByStatus(PostgresPersistence db, TenantId tenant)
      throws SQLException {
    Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
    for (TaskStatus status : TaskStatus.values()) {
      counts.put(status, 0L);
    }
    try (Connection connection = db.dataSource().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT status, count(*) FROM agent_tasks WHERE tenant_id = ? GROUP BY status")) {
      query.setObject(1, tenant.value());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          counts.put(TaskStatus.fromWire(rows.getString(1)), rows.getLong(2));
        }
      }
    }
    return counts;
  }

  private static void percentiles(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    OUT.printf(
        Locale.ROOT,
        "  %-26s n=%3d  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
        what,
        sorted.length,
        millis(percentile(sorted, 50)),
        millis(percentile(sorted, 90)),
        millis(percentile(sorted, 99)),
        millis(sorted[sorted.length - 1]));
  }

  /** Nearest-rank percentile of sorted values. */
  private static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static TenantId newTenant(PostgresPersistence db, String name) {
    TenantId id = new TenantId(UUID.randomUUID());
    db.tenants().create(new Tenant(id, "Benchmark " + name, "claude-sonnet-4-5", EPOCH));
    return id;
  }

  private static long count(PostgresPersistence db, String sql, UUID parameter)
      throws SQLException {
    try (Connection connection = db.dataSource().getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setObject(1, parameter);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** Command-line options; see README.md. */
  private static final class Options {
    Path dataDirectory;
    int traces = 20_000;
    int threads = 4;
    int tasks = 100_000;
    int pages = 200;
    boolean durable = true;

    static Options parse(String[] args) {
      Options options = new Options();
      for (String arg : args) {
        String[] pair = arg.split("=", 2);
        String value = pair.length == 2 ? pair[1] : "";
        switch (pair[0]) {
          case "--data-dir" -> options.dataDirectory = Path.of(value);
          case "--traces" -> options.traces = Integer.parseInt(value);
          case "--threads" -> options.threads = Integer.parseInt(value);
          case "--tasks" -> options.tasks = Integer.parseInt(value);
          case "--pages" -> options.pages = Integer.parseInt(value);
          case "--no-fsync" -> options.durable = false;
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + arg
                      + "; expected --data-dir=DIR --traces=N --threads=N --tasks=N --pages=N"
                      + " --no-fsync");
        }
      }
      if (options.threads < 1 || options.traces < 1 || options.tasks < PAGE || options.pages < 2) {
        throw new IllegalArgumentException("threads, traces, pages >= 1 and tasks >= " + PAGE);
      }
      return options;
    }
  }
}
