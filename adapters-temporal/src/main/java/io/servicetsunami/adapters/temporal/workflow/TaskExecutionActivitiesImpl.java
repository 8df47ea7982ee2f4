package io.servicetsunami.adapters.temporal.workflow;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.in.TaskExecutionSteps;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.UserId;
import java.util.List;

/** Thin calls into {@link TaskExecutionSteps}; port errors map at this edge ({@link Failures}). */
final class TaskExecutionActivitiesImpl implements TaskExecutionActivities {

  private final TaskExecutionSteps steps;

  TaskExecutionActivitiesImpl(TaskExecutionSteps steps) {
    this.steps = requireNonNull(steps, "steps is null");
  }

  @Override
  public DispatchedPayload dispatchTask(String tenantId, String taskId) {
    return Failures.call(
        () -> {
          TaskExecutionSteps.Dispatched dispatched =
              steps.dispatch(TenantId.parse(tenantId), TaskId.parse(taskId));
          return new DispatchedPayload(dispatched.agentId().toString(), dispatched.reason());
        });
  }

  @Override
  public List<String> recallMemory(String tenantId, String taskId) {
    return Failures.call(
        () ->
            steps.recallMemory(TenantId.parse(tenantId), TaskId.parse(taskId)).stream()
                .map(MemoryId::toString)
                .toList());
  }

  @Override
  public ExecutedPayload executeTask(String tenantId, String taskId, List<String> memoryIds) {
    return Failures.call(
        () ->
            new ExecutedPayload(
                steps
                    .execute(
                        TenantId.parse(tenantId),
                        TaskId.parse(taskId),
                        memoryIds.stream().map(MemoryId::parse).toList())
                    .awaitingApproval()));
  }

  @Override
  public void approveTask(String tenantId, String taskId, String approverId) {
    Failures.run(
        () ->
            steps.approved(
                TenantId.parse(tenantId), TaskId.parse(taskId), UserId.parse(approverId)));
  }

  @Override
  public int persistEntities(String tenantId, String taskId) {
    return Failures.call(
        () -> steps.persistEntities(TenantId.parse(tenantId), TaskId.parse(taskId)));
  }

  @Override
  public double evaluateTask(String tenantId, String taskId) {
    return Failures.call(() -> steps.evaluate(TenantId.parse(tenantId), TaskId.parse(taskId)));
  }

  @Override
  public void failTask(String tenantId, String taskId, int failedStep, String reason) {
    Failures.run(
        () -> steps.fail(TenantId.parse(tenantId), TaskId.parse(taskId), failedStep, reason));
  }
}
