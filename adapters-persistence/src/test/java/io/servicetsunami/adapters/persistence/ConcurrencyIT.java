package io.servicetsunami.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Twenty threads race conflicting transitions from one revision, state after state: exactly one
 * applies each time, every other gets {@code concurrent_modification}, and the stored row is the
 * winner's.
 */
class ConcurrencyIT implements PostgresPrerequisites {

  private static final int RACERS = 20;

  private final ExecutorService pool = Executors.newFixedThreadPool(RACERS);

  @AfterEach
  void stopThreads() {
    pool.shutdownNow();
  }

  @Test
  void exactlyOneOfTwentyConflictingInstanceTransitionsAppliesPerState() throws Exception {
    TenantId tenant = newTenant();
    TenantInstance instance = db().instances().create(Fixtures.instance(tenant));
    List<InstanceStatus> lifecycle =
        List.of(
            InstanceStatus.RUNNING,
            InstanceStatus.STOPPED,
            InstanceStatus.RUNNING,
            InstanceStatus.UPGRADING,
            InstanceStatus.RUNNING,
            InstanceStatus.DESTROYING);
    InstanceStatus[] rivals = InstanceStatus.values();

    for (int round = 0; round < lifecycle.size(); round++) {
      TenantInstance current = db().instances().find(tenant, instance.id()).orElseThrow();
      int seconds = round + 1;
      InstanceStatus intended = lifecycle.get(round);
      // Racer 0 makes the intended move; the others want every other state, with their own error.
      IntFunction<TenantInstance> transition =
          racer ->
              current.withStatus(
                  racer == 0 ? intended : rivals[racer % rivals.length],
                  racer == 0 ? Optional.empty() : Optional.of("racer " + racer),
                  Fixtures.at(seconds));
      TenantInstance winner = race(transition, db().instances()::update);

      TenantInstance stored = db().instances().find(tenant, instance.id()).orElseThrow();
      assertThat(stored).isEqualTo(winner);
      assertThat(stored.revision()).isEqualTo(round + 1L);
    }
  }

  @Test
  void exactlyOneOfTwentyConflictingTaskTransitionsAppliesPerState() throws Exception {
    TenantId tenant = newTenant();
    AgentTask task = db().tasks().create(Fixtures.task(tenant));
    List<TaskStatus> lifecycle =
        List.of(
            TaskStatus.THINKING,
            TaskStatus.EXECUTING,
            TaskStatus.WAITING_INPUT,
            TaskStatus.COMPLETED);
    TaskStatus[] rivals = TaskStatus.values();

    for (int round = 0; round < lifecycle.size(); round++) {
      AgentTask current = db().tasks().find(tenant, task.id()).orElseThrow();
      int seconds = round + 1;
      TaskStatus intended = lifecycle.get(round);
      IntFunction<AgentTask> transition =
          racer ->
              racer == 0
                  ? current.withStatus(intended, Fixtures.at(seconds))
                  : current
                      .withStatus(rivals[racer % rivals.length], Fixtures.at(seconds))
                      .withError("racer " + racer, Fixtures.at(seconds));
      AgentTask winner = race(transition, db().tasks()::update);

      AgentTask stored = db().tasks().find(tenant, task.id()).orElseThrow();
      assertThat(stored).isEqualTo(winner);
      assertThat(stored.revision()).isEqualTo(round + 1L);
    }
  }

  /** Starts all racers at once; asserts one winner and only stale-revision losers. */
  private <T> T race(IntFunction<T> transition, Function<T, T> update) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Object>> outcomes = new ArrayList<>();
    for (int racer = 0; racer < RACERS; racer++) {
      T change = transition.apply(racer);
      outcomes.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  return update.apply(change);
                } catch (ConflictException lost) {
                  return lost;
                }
              }));
    }
    start.countDown();
    List<T> winners = new ArrayList<>();
    int losers = 0;
    for (Future<Object> outcome : outcomes) {
      Object result = outcome.get(60, TimeUnit.SECONDS);
      if (result instanceof ConflictException lost) {
        assertThat(lost.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION);
        losers++;
      } else {
        @SuppressWarnings("unchecked")
        T won = (T) result;
        winners.add(won);
      }
    }
    assertThat(winners).hasSize(1);
    assertThat(losers).isEqualTo(RACERS - 1);
    return winners.get(0);
  }
}
