package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.Page;
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

/** What every {@link AgentTaskRepository} does. */
public interface AgentTaskRepositoryContract extends Prerequisites {

  AgentTaskRepository tasks();

  @Test
  default void createStoresTheTaskAtRevisionZero() {
    TenantId tenant = newTenant();
    AgentTask task = Fixtures.task(tenant);

    AgentTask created = tasks().create(task);

    assertThat(created).isEqualTo(task);
    assertThat(created.revision()).isZero();
    assertThat(tasks().find(tenant, task.id())).contains(task);
  }

  @Test
  default void taskJsonSurvivesTheRoundTrip() {
    TenantId tenant = newTenant();
    AgentTask task =
        tasks()
            .create(Fixtures.task(tenant))
            .withOutput(
                Map.of(
                    "summary", "Revenue grew",
                    "sources", List.of("q3.pdf", "q2.pdf"),
                    "figures", Map.of("growth", "12%", "final", true)),
                Fixtures.at(60));

    AgentTask updated = tasks().update(task);

    assertThat(tasks().find(tenant, task.id()).orElseThrow().output())
        .isEqualTo(updated.output())
        .isEqualTo(task.output());
  }

  @Test
  default void unknownTaskIsNotFound() {
    TenantId tenant = newTenant();

    assertThat(tasks().find(tenant, Fixtures.taskId())).isEmpty();
    assertPortError(
        NotFoundException.class,
        ErrorCode.TASK_NOT_FOUND,
        () -> tasks().update(Fixtures.task(tenant)));
  }

  @Test
  default void creatingATakenIdIsAConflict() {
    AgentTask task = tasks().create(Fixtures.task(newTenant()));

    assertPortError(ConflictException.class, ErrorCode.ALREADY_EXISTS, () -> tasks().create(task));
  }

  @Test
  default void listShowsNewestFirstAndPages() {
    TenantId tenant = newTenant();
    AgentTask oldest = tasks().create(Fixtures.task(tenant, Fixtures.at(10)));
    AgentTask newest = tasks().create(Fixtures.task(tenant, Fixtures.at(40)));
    AgentTask middle = tasks().create(Fixtures.task(tenant, Fixtures.at(20)));
    AgentTask newer = tasks().create(Fixtures.task(tenant, Fixtures.at(30)));

    assertThat(tasks().list(tenant, Optional.empty(), Page.first(10)))
        .containsExactly(newest, newer, middle, oldest);
    assertThat(tasks().list(tenant, Optional.empty(), new Page(1, 2)))
        .containsExactly(newer, middle);
    assertThat(tasks().list(tenant, Optional.empty(), new Page(4, 2))).isEmpty();
  }

  @Test
  default void listFiltersByStatus() {
    TenantId tenant = newTenant();
    AgentTask queued = tasks().create(Fixtures.task(tenant, Fixtures.at(10)));
    AgentTask thinking =
        tasks()
            .update(
                tasks()
                    .create(Fixtures.task(tenant, Fixtures.at(20)))
                    .withStatus(TaskStatus.THINKING, Fixtures.at(30)));

    assertThat(tasks().list(tenant, Optional.of(TaskStatus.QUEUED), Page.first(10)))
        .containsExactly(queued);
    assertThat(tasks().list(tenant, Optional.of(TaskStatus.THINKING), Page.first(10)))
        .containsExactly(thinking);
    assertThat(tasks().list(tenant, Optional.of(TaskStatus.COMPLETED), Page.first(10))).isEmpty();
  }

  @Test
  default void updateReplacesTheTaskAndIncrementsItsRevision() {
    TenantId tenant = newTenant();
    AgentTask task = tasks().create(Fixtures.task(tenant));

    AgentTask updated = tasks().update(task.withStatus(TaskStatus.THINKING, Fixtures.at(5)));

    assertThat(updated.revision()).isEqualTo(1);
    assertThat(updated.status()).isEqualTo(TaskStatus.THINKING);
    assertThat(updated.startedAt()).contains(Fixtures.at(5));
    assertThat(tasks().find(tenant, task.id())).contains(updated);
  }

  @Test
  default void updateWithStaleRevisionIsAConflict() {
    TenantId tenant = newTenant();
    AgentTask task = tasks().create(Fixtures.task(tenant));
    AgentTask thinking = tasks().update(task.withStatus(TaskStatus.THINKING, Fixtures.at(5)));

    assertPortError(
        ConflictException.class,
        ErrorCode.CONCURRENT_MODIFICATION,
        () -> tasks().update(task.withStatus(TaskStatus.FAILED, Fixtures.at(6))));
    assertThat(tasks().find(tenant, task.id())).contains(thinking);
  }

  @Test
  default void ofConcurrentTransitionsFromOneRevisionExactlyOneApplies() throws Exception {
    TenantId tenant = newTenant();
    AgentTask task = tasks().create(Fixtures.task(tenant));
    List<AgentTask> transitions =
        List.of(
            task.withStatus(TaskStatus.THINKING, Fixtures.at(1)),
            task.withStatus(TaskStatus.FAILED, Fixtures.at(1)),
            task.withStatus(TaskStatus.EXECUTING, Fixtures.at(1)),
            task.withStatus(TaskStatus.COMPLETED, Fixtures.at(1)));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(transitions.size());
    try {
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (AgentTask transition : transitions) {
        Callable<Boolean> race =
            () -> {
              start.await();
              try {
                tasks().update(transition);
                return true;
              } catch (ConflictException e) {
                return false;
              }
            };
        outcomes.add(pool.submit(race));
      }
      start.countDown();
      int applied = 0;
      for (Future<Boolean> outcome : outcomes) {
        applied += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(applied).isEqualTo(1);
      assertThat(tasks().find(tenant, task.id()).orElseThrow().revision()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void anotherTenantCannotReadListOrUpdateATask() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    AgentTask task = tasks().create(Fixtures.task(a));

    assertThat(tasks().find(b, task.id())).isEmpty();
    assertThat(tasks().list(b, Optional.empty(), Page.first(10))).isEmpty();
    assertThat(tasks().list(b, Optional.of(TaskStatus.QUEUED), Page.first(10))).isEmpty();
    assertPortError(
        NotFoundException.class,
        ErrorCode.TASK_NOT_FOUND,
        () ->
            tasks()
                .update(Fixtures.forTenant(task, b).withStatus(TaskStatus.FAILED, Fixtures.at(1))));
    assertThat(tasks().find(a, task.id())).contains(task);
  }
}
