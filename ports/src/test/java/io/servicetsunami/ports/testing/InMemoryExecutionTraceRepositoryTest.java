package io.servicetsunami.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.contract.ExecutionTraceRepositoryContract;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.ExecutionTraceRepository;
import org.junit.jupiter.api.Test;

class InMemoryExecutionTraceRepositoryTest implements ExecutionTraceRepositoryContract {

  private final InMemoryExecutionTraceRepository traces = new InMemoryExecutionTraceRepository();

  @Override
  public ExecutionTraceRepository traces() {
    return traces;
  }

  @Test
  void stepTypesListTheTimelineOfATask() {
    TenantId tenant = Fixtures.tenantId();
    TaskId task = Fixtures.taskId();
    traces.append(Fixtures.trace(tenant, task, StepType.MEMORY_RECALL, 2));
    traces.append(Fixtures.trace(tenant, task, StepType.DISPATCHED, 1));

    assertThat(traces.stepTypes(tenant, task))
        .containsExactly(StepType.DISPATCHED, StepType.MEMORY_RECALL);
    assertThat(traces.all()).hasSize(2);
  }
}
