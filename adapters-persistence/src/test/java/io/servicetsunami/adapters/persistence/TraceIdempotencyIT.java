package io.servicetsunami.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A retried trace step leaves one row, counted in the table itself. */
class TraceIdempotencyIT implements PostgresPrerequisites {

  @Test
  void theSameTraceAppendedTwiceLeavesOneRow() {
    TenantId tenant = newTenant();
    TaskId task = newTask(tenant);
    ExecutionTrace trace = Fixtures.trace(tenant, task, StepType.EXECUTING, 3);
    ExecutionTrace retry =
        new ExecutionTrace(
            trace.id(),
            task,
            tenant,
            StepType.EXECUTING,
            3,
            Optional.empty(),
            Map.of("attempt", 2),
            999,
            Fixtures.at(60));

    ExecutionTrace first = db().traces().append(trace);
    ExecutionTrace second = db().traces().append(retry);

    assertThat(second).isEqualTo(first).isEqualTo(trace);
    assertThat(rowsOf(trace)).isEqualTo(1);
    assertThat(
            RawRows.query(
                    db().dataSource(),
                    "SELECT details::text AS details, duration_ms FROM execution_traces"
                        + " WHERE id = ?",
                    trace.id().value())
                .get(0))
        .containsEntry("duration_ms", "120")
        .containsEntry("details", "{\"step\": \"executing\"}");
  }

  @Test
  void concurrentRetriesOfOneTraceLeaveOneRow() throws Exception {
    TenantId tenant = newTenant();
    ExecutionTrace trace = Fixtures.trace(tenant, newTask(tenant), StepType.DISPATCHED, 1);
    int attempts = 10;
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ExecutionTrace>> outcomes = new ArrayList<>();
      for (int i = 0; i < attempts; i++) {
        Callable<ExecutionTrace> append =
            () -> {
              start.await();
              return db().traces().append(trace);
            };
        outcomes.add(pool.submit(append));
      }
      start.countDown();
      for (Future<ExecutionTrace> outcome : outcomes) {
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo(trace);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(rowsOf(trace)).isEqualTo(1);
  }

  private long rowsOf(ExecutionTrace trace) {
    return RawRows.count(
        db().dataSource(),
        "SELECT count(*) FROM execution_traces WHERE id = ?",
        trace.id().value());
  }
}
