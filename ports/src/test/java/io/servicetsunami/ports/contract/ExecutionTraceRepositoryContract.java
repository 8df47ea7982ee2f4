package io.servicetsunami.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.ExecutionTraceRepository;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link ExecutionTraceRepository} does. */
public interface ExecutionTraceRepositoryContract extends Prerequisites {

  ExecutionTraceRepository traces();

  @Test
  default void appendedTraceIsListedForItsTask() {
    TenantId tenant = newTenant();
    TaskId task = newTask(tenant);
    ExecutionTrace trace = Fixtures.trace(tenant, task, StepType.DISPATCHED, 1);

    ExecutionTrace stored = traces().append(trace);

    assertThat(stored).isEqualTo(trace);
    assertThat(traces().listByTask(tenant, task)).containsExactly(trace);
  }

  @Test
  default void appendingTheSameIdAgainKeepsTheFirstRow() {
    TenantId tenant = newTenant();
    TaskId task = newTask(tenant);
    ExecutionTrace first = traces().append(Fixtures.trace(tenant, task, StepType.EXECUTING, 3));
    ExecutionTrace retry =
        new ExecutionTrace(
            first.id(),
            task,
            tenant,
            StepType.EXECUTING,
            3,
            Optional.empty(),
            Map.of("attempt", 2),
            999,
            Fixtures.at(60));

    ExecutionTrace stored = traces().append(retry);

    assertThat(stored).isEqualTo(first);
    assertThat(traces().listByTask(tenant, task)).containsExactly(first);
  }

  @Test
  default void taskWithoutTracesListsNothing() {
    TenantId tenant = newTenant();

    assertThat(traces().listByTask(tenant, newTask(tenant))).isEmpty();
    assertThat(traces().listByTenant(tenant, Page.first(10))).isEmpty();
  }

  @Test
  default void tracesOfATaskAreOrderedByStepThenTime() {
    TenantId tenant = newTenant();
    TaskId task = newTask(tenant);
    ExecutionTrace executing =
        traces().append(Fixtures.trace(tenant, task, StepType.EXECUTING, 3, Fixtures.at(30)));
    ExecutionTrace skillCall =
        traces().append(Fixtures.trace(tenant, task, StepType.SKILL_CALL, 3, Fixtures.at(20)));
    ExecutionTrace dispatched =
        traces().append(Fixtures.trace(tenant, task, StepType.DISPATCHED, 1, Fixtures.at(10)));
    ExecutionTrace recall =
        traces().append(Fixtures.trace(tenant, task, StepType.MEMORY_RECALL, 2, Fixtures.at(40)));
    traces().append(Fixtures.trace(tenant, newTask(tenant), StepType.DISPATCHED, 1));

    assertThat(traces().listByTask(tenant, task))
        .containsExactly(dispatched, recall, skillCall, executing);
  }

  @Test
  default void tenantTracesAreNewestFirstAndPaged() {
    TenantId tenant = newTenant();
    TaskId task = newTask(tenant);
    ExecutionTrace first =
        traces().append(Fixtures.trace(tenant, task, StepType.DISPATCHED, 1, Fixtures.at(10)));
    ExecutionTrace third =
        traces().append(Fixtures.trace(tenant, task, StepType.EXECUTING, 3, Fixtures.at(30)));
    ExecutionTrace second =
        traces().append(Fixtures.trace(tenant, task, StepType.MEMORY_RECALL, 2, Fixtures.at(20)));

    assertThat(traces().listByTenant(tenant, Page.first(10))).containsExactly(third, second, first);
    assertThat(traces().listByTenant(tenant, new Page(1, 1))).containsExactly(second);
  }

  @Test
  default void anotherTenantCannotListATasksTraces() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    TaskId task = newTask(a);
    ExecutionTrace trace = traces().append(Fixtures.trace(a, task, StepType.DISPATCHED, 1));

    assertThat(traces().listByTask(b, task)).isEmpty();
    assertThat(traces().listByTenant(b, Page.first(10))).isEmpty();
    assertThat(traces().listByTask(a, task)).containsExactly(trace);
  }
}
