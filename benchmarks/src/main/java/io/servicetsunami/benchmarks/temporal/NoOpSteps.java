package io.servicetsunami.benchmarks.temporal;

import io.servicetsunami.ports.in.ProvisionInstanceSteps;
import io.servicetsunami.ports.in.TaskExecutionSteps;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.UserId;
import io.servicetsunami.ports.out.InstanceRuntime.Progress;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Step services that do nothing, so the benchmark measures the workflow machinery alone. */
final class NoOpSteps implements TaskExecutionSteps, ProvisionInstanceSteps {

  private static final AgentId AGENT = new AgentId(new UUID(0, 1));

  @Override
  public Dispatched dispatch(TenantId tenant, TaskId task) {
    return new Dispatched(AGENT, "no-op");
  }

  @Override
  public List<MemoryId> recallMemory(TenantId tenant, TaskId task) {
    return List.of();
  }

  @Override
  public Executed execute(TenantId tenant, TaskId task, List<MemoryId> memories) {
    return new Executed(false);
  }

  @Override
  public void approved(TenantId tenant, TaskId task, UserId approver) {}

  @Override
  public int persistEntities(TenantId tenant, TaskId task) {
    return 0;
  }

  @Override
  public double evaluate(TenantId tenant, TaskId task) {
    return 1.0;
  }

  @Override
  public void fail(TenantId tenant, TaskId task, int failedStep, String reason) {}

  @Override
  public Map<String, Object> generateValues(TenantId tenant, InstanceId instance, String version) {
    return Map.of();
  }

  @Override
  public void install(TenantId tenant, InstanceId instance, String version) {}

  @Override
  public void awaitReady(TenantId tenant, InstanceId instance, Progress progress) {}

  @Override
  public void healthCheck(TenantId tenant, InstanceId instance) {}

  @Override
  public void register(TenantId tenant, InstanceId instance, String version) {}

  @Override
  public void markFailed(TenantId tenant, InstanceId instance, String reason) {}
}
