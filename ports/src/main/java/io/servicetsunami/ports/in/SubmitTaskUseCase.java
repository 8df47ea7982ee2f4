package io.servicetsunami.ports.in;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.Json;
import io.servicetsunami.ports.model.TaskPriority;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;
import java.util.Map;

/** Queues a task and starts its durable execution. */
public interface SubmitTaskUseCase {

  record SubmitTaskCommand(
      TenantId tenantId,
      String objective,
      String taskType,
      TaskPriority priority,
      List<String> requiredCapabilities,
      Map<String, Object> context,
      boolean requiresApproval) {
    public SubmitTaskCommand {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(objective, "objective is null");
      requireNonNull(taskType, "taskType is null");
      requireNonNull(priority, "priority is null");
      requiredCapabilities =
          List.copyOf(requireNonNull(requiredCapabilities, "requiredCapabilities is null"));
      context = Json.copyOf(context);
    }
  }

  /**
   * @param workflowId {@code task-{task_id}}
   */
  record SubmittedTask(AgentTask task, String workflowId) {}

  /**
   * Stores the task as {@code queued} and starts TaskExecutionWorkflow for it.
   *
   * @throws InvalidInputException {@code invalid_input} for a blank objective
   */
  SubmittedTask submit(SubmitTaskCommand command);
}
