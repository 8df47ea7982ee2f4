package io.servicetsunami.ports.in;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.Json;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskPriority;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Queues a task and starts its durable execution. */
public interface SubmitTaskUseCase {

  /**
   * @param taskId a caller-chosen id, for callers that may retry (a workflow step): submitting the
   *     same id again returns the existing task and starts nothing new. Empty for a new task.
   */
  record SubmitTaskCommand(
      TenantId tenantId,
      String objective,
      String taskType,
      TaskPriority priority,
      List<String> requiredCapabilities,
      Map<String, Object> context,
      boolean requiresApproval,
      Optional<TaskId> taskId) {
    public SubmitTaskCommand {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(objective, "objective is null");
      requireNonNull(taskType, "taskType is null");
      requireNonNull(priority, "priority is null");
      requiredCapabilities =
          List.copyOf(requireNonNull(requiredCapabilities, "requiredCapabilities is null"));
      context = Json.copyOf(context);
      requireNonNull(taskId, "taskId is null");
    }

    /** A new task with an id of the service's choosing. */
    public SubmitTaskCommand(
        TenantId tenantId,
        String objective,
        String taskType,
        TaskPriority priority,
        List<String> requiredCapabilities,
        Map<String, Object> context,
        boolean requiresApproval) {
      this(
          tenantId,
          objective,
          taskType,
          priority,
          requiredCapabilities,
          context,
          requiresApproval,
          Optional.empty());
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
