package io.servicetsunami.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.core.pipeline.LakehouseTables;
import io.servicetsunami.ports.in.CreatePipelineUseCase.CreatePipelineCommand;
import io.servicetsunami.ports.model.ConnectorSyncConfig;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.RunStatus;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TriggerSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A connector pipeline with an interval schedule on the embedded Temporal server, in real time: it
 * fires on time (the timer-loop fallback, since the embedded server has no Schedules API), stops
 * firing when paused, and fires again when resumed. Each fire is a full ScheduledSync of a real
 * PostgreSQL table into DuckDB.
 *
 * <p>Intervals are at least a minute (the product's floor), and interval schedules fire on
 * epoch-aligned boundaries (as Temporal's interval specs do with no offset), so a fire is "on time"
 * when its run opens within {@link #LATENESS} after a whole minute. The test takes three to four
 * minutes of wall time, almost all of it waiting.
 */
class ScheduledDataSourceSyncIT {

  private static final String TABLE = "sales.products";
  private static final Duration EVERY = Duration.ofMinutes(1);

  /** How late after its boundary a fire may open its run: the loop's timer, a start, a task. */
  private static final Duration LATENESS = Duration.ofSeconds(5);

  private static DataPipelineAssembly assembly;

  @BeforeAll
  static void start() {
    assembly = DataPipelineAssembly.start();
  }

  @AfterAll
  static void stop() {
    if (assembly != null) {
      assembly.close();
    }
  }

  @Test
  void anIntervalScheduleFiresOnTimeStopsWhilePausedAndFiresAgainWhenResumed() throws Exception {
    TenantId tenant = assembly.newTenantWithSourceConnection();
    try (Connection source = assembly.sourceOwner();
        Statement sql = source.createStatement()) {
      sql.execute(
          "CREATE TABLE sales.products (id bigint PRIMARY KEY, name text NOT NULL,"
              + " updated_at timestamptz NOT NULL)");
      sql.execute(
          "INSERT INTO sales.products SELECT i, 'product-' || i, now()"
              + " FROM generate_series(1, 50) AS i");
    }
    DataPipeline pipeline =
        assembly.pipelines.create(
            new CreatePipelineCommand(
                tenant,
                "products every minute",
                PipelineType.CONNECTOR_SYNC,
                Map.of(),
                Optional.empty(),
                Optional.of(
                    new ConnectorSyncConfig(
                        ConnectorType.POSTGRESQL,
                        DataPipelineAssembly.CONNECTION_SKILL,
                        List.of(
                            new TableSync(
                                TABLE,
                                SyncMode.FULL,
                                List.of("id"),
                                Optional.empty(),
                                Duration.ZERO)))),
                Optional.of(new Schedule.Interval(EVERY, false))));

    // Two fires, a minute apart, each on its boundary.
    List<PipelineRun> fired = awaitRuns(tenant, pipeline, 2, EVERY.multipliedBy(2).plusSeconds(30));
    for (PipelineRun run : fired) {
      assertThat(run.trigger()).isEqualTo(TriggerSource.SCHEDULE);
      assertOnTime(run);
    }
    Duration spacing = Duration.between(fired.get(0).startedAt(), fired.get(1).startedAt());
    assertThat(spacing).isBetween(EVERY.minus(LATENESS), EVERY.plus(LATENESS));
    PipelineRun second = assembly.awaitClosed(tenant, fired.get(1).id(), Duration.ofMinutes(1));
    assertThat(second.status()).as("run error: %s", second.error()).isEqualTo(RunStatus.COMPLETED);
    assertThat(
            assembly
                .lakehouse
                .describeSilver(tenant, LakehouseTables.of(pipeline.id(), TABLE))
                .orElseThrow()
                .rowCount())
        .isEqualTo(50);

    // Paused: a boundary passes and nothing fires.
    DataPipeline paused = assembly.pipelines.pause(tenant, pipeline.id());
    assertThat(paused.schedule().orElseThrow().paused()).isTrue();
    Instant pausedAt = Instant.now();
    Instant boundaryPassed = nextBoundary(pausedAt).plus(LATENESS.multipliedBy(2));
    DataPipelineAssembly.sleep(Duration.between(Instant.now(), boundaryPassed));
    assertThat(assembly.runs(tenant, pipeline.id())).as("no run while paused").hasSize(2);

    // Resumed: the next boundary fires again.
    Instant resumedAt = Instant.now();
    assembly.pipelines.resume(tenant, pipeline.id());
    List<PipelineRun> afterResume =
        awaitRuns(tenant, pipeline, 3, EVERY.plus(LATENESS).plusSeconds(10));
    PipelineRun third = afterResume.get(2);
    assertThat(third.trigger()).isEqualTo(TriggerSource.SCHEDULE);
    assertOnTime(third);
    assertThat(third.startedAt())
        .isAfter(resumedAt)
        .isBefore(nextBoundary(resumedAt).plus(LATENESS));
    PipelineRun closed = assembly.awaitClosed(tenant, third.id(), Duration.ofMinutes(1));
    assertThat(closed.status()).as("run error: %s", closed.error()).isEqualTo(RunStatus.COMPLETED);
  }

  private static List<PipelineRun> awaitRuns(
      TenantId tenant, DataPipeline pipeline, int count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Predicate<List<PipelineRun>> enough = runs -> runs.size() >= count;
    List<PipelineRun> runs = assembly.runs(tenant, pipeline.id());
    while (!enough.test(runs)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "expected "
                + count
                + " runs within "
                + timeout
                + ", have "
                + runs.size()
                + ": "
                + runs);
      }
      DataPipelineAssembly.sleep(Duration.ofMillis(200));
      runs = assembly.runs(tenant, pipeline.id());
    }
    assertThat(runs).as("not more fires than boundaries passed").hasSize(count);
    return runs;
  }

  private static void assertOnTime(PipelineRun run) {
    Instant boundary = previousBoundary(run.startedAt());
    assertThat(Duration.between(boundary, run.startedAt()))
        .as("run %s opened at %s, boundary %s", run.id(), run.startedAt(), boundary)
        .isLessThanOrEqualTo(LATENESS);
  }

  private static Instant previousBoundary(Instant instant) {
    long every = EVERY.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), every) * every);
  }

  private static Instant nextBoundary(Instant instant) {
    return previousBoundary(instant).plus(EVERY);
  }
}
