package io.servicetsunami.core.task;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryTasksServiceTest {

  private final TaskWorld world = new TaskWorld();
  private final QueryTasksService queries = new QueryTasksService(world.tasks, world.traces);

  @Test
  void getReturnsTheTenantsTask() {
    AgentTask task = world.task(List.of("research"));

    assertThat(queries.get(world.tenant, task.id())).isEqualTo(task);
  }

  @Test
  void getOfAnUnknownTaskIsNotFound() {
    assertPortError(
        NotFoundException.class,
        ErrorCode.TASK_NOT_FOUND,
        () -> queries.get(world.tenant, Fixtures.taskId()));
  }

  @Test
  void anotherTenantCanNeitherSeeNorTraceNorListTheTask() {
    world.agent("Alpha", List.of("research"));
    AgentTask task = world.task(List.of("research"));
    world.steps().dispatch(world.tenant, task.id());
    TenantId other = world.newTenant();

    assertPortError(
        NotFoundException.class, ErrorCode.TASK_NOT_FOUND, () -> queries.get(other, task.id()));
    assertPortError(
        NotFoundException.class, ErrorCode.TASK_NOT_FOUND, () -> queries.trace(other, task.id()));
    assertThat(queries.list(other, Optional.empty(), Page.first(50))).isEmpty();
    assertThat(queries.list(world.tenant, Optional.empty(), Page.first(50))).hasSize(1);
  }

  @Test
  void listFiltersByStatusNewestFirst() {
    world.agent("Alpha", List.of("research"));
    AgentTask older = world.task(List.of("research"));
    AgentTask newer = world.task(List.of("research"));
    AgentTask dispatched = world.task(List.of("research"));
    world.steps().dispatch(world.tenant, dispatched.id());

    assertThat(queries.list(world.tenant, Optional.of(TaskStatus.QUEUED), Page.first(10)))
        .extracting(AgentTask::id)
        .containsExactly(newer.id(), older.id());
  }

  @Test
  void traceListsTheTimelineByStepOrderAndIsEmptyBeforeTheFirstStep() {
    world.agent("Alpha", List.of("research"));
    AgentTask task = world.task(List.of("research"));
    assertThat(queries.trace(world.tenant, task.id())).isEmpty();

    world.steps().dispatch(world.tenant, task.id());
    world.steps().recallMemory(world.tenant, task.id());

    assertThat(queries.trace(world.tenant, task.id()))
        .extracting(ExecutionTrace::stepType)
        .containsExactly(StepType.DISPATCHED, StepType.MEMORY_RECALL);
  }
}
