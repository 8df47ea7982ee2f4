package io.servicetsunami.core.pipeline;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.in.SubmitTaskUseCase.SubmitTaskCommand;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskPriority;
import io.servicetsunami.ports.model.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task bundle an agent-kit pipeline runs, read from its {@code config}:
 *
 * <pre>{@code
 * {"tasks": [{"objective": "…", "task_type": "…", "required_capabilities": ["…"],
 *             "priority": "normal", "requires_approval": false, "context": {…}}]}
 * }</pre>
 *
 * <p>{@code objective} and {@code task_type} are required; the rest are optional. A kit has 1 to
 * {@value #MAX_TASKS} tasks. The whole kit is checked before any task is submitted, so a malformed
 * kit submits nothing.
 */
record AgentKit(List<KitTask> tasks) {

  static final int MAX_TASKS = 100;

  record KitTask(
      String objective,
      String taskType,
      List<String> requiredCapabilities,
      TaskPriority priority,
      boolean requiresApproval,
      Map<String, Object> context) {}

  AgentKit {
    tasks = List.copyOf(tasks);
  }

  /**
   * @throws InvalidInputException {@code invalid_input} naming what is wrong
   */
  static AgentKit parse(Map<String, Object> config) {
    if (!(config.get("tasks") instanceof List<?> items) || items.isEmpty()) {
      throw malformed("'tasks' must be a non-empty list");
    }
    if (items.size() > MAX_TASKS) {
      throw malformed("at most " + MAX_TASKS + " tasks, got " + items.size());
    }
    List<KitTask> tasks = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      tasks.add(task(i + 1, items.get(i)));
    }
    return new AgentKit(tasks);
  }

  /**
   * The command submitting task {@code index} (0-based). Its context says which kit run it belongs
   * to, so a task can be traced back to the run that submitted it. The task id is the caller's, so
   * that a retried submit finds the task instead of creating a second.
   */
  SubmitTaskCommand command(
      TenantId tenant, PipelineId pipeline, RunId run, int index, TaskId taskId) {
    KitTask task = tasks.get(index);
    Map<String, Object> context = new LinkedHashMap<>(task.context());
    context.put(
        "agent_kit",
        Map.of("pipeline_id", pipeline.toString(), "run_id", run.toString(), "index", index));
    return new SubmitTaskCommand(
        tenant,
        task.objective(),
        task.taskType(),
        task.priority(),
        task.requiredCapabilities(),
        context,
        task.requiresApproval(),
        Optional.of(taskId));
  }

  private static KitTask task(int number, Object item) {
    if (!(item instanceof Map<?, ?> fields)) {
      throw malformed("task " + number + " is not an object");
    }
    String objective = text(fields, "objective", number);
    String taskType = text(fields, "task_type", number);
    List<String> capabilities = new ArrayList<>();
    Object declared = fields.get("required_capabilities");
    if (declared != null) {
      if (!(declared instanceof List<?> list)) {
        throw malformed("task " + number + ": 'required_capabilities' must be a list of strings");
      }
      for (Object capability : list) {
        if (!(capability instanceof String name) || name.isBlank()) {
          throw malformed(
              "task " + number + ": 'required_capabilities' must be a list of non-blank strings");
        }
        capabilities.add(name.strip());
      }
    }
    TaskPriority priority = TaskPriority.NORMAL;
    Object wirePriority = fields.get("priority");
    if (wirePriority != null) {
      try {
        priority = TaskPriority.fromWire(String.valueOf(wirePriority));
      } catch (IllegalArgumentException e) {
        throw malformed("task " + number + ": " + e.getMessage());
      }
    }
    Object approval = fields.get("requires_approval");
    if (approval != null && !(approval instanceof Boolean)) {
      throw malformed("task " + number + ": 'requires_approval' must be true or false");
    }
    Object context = fields.get("context");
    if (context != null && !(context instanceof Map<?, ?>)) {
      throw malformed("task " + number + ": 'context' must be an object");
    }
    Map<String, Object> contextFields = new LinkedHashMap<>();
    if (context instanceof Map<?, ?> map) {
      map.forEach((key, value) -> contextFields.put(String.valueOf(key), value));
    }
    return new KitTask(
        objective,
        taskType,
        List.copyOf(capabilities),
        priority,
        Boolean.TRUE.equals(approval),
        contextFields);
  }

  private static String text(Map<?, ?> fields, String key, int number) {
    if (!(fields.get(key) instanceof String value) || value.isBlank()) {
      throw malformed("task " + number + ": '" + key + "' must be a non-blank string");
    }
    return value.strip();
  }

  private static InvalidInputException malformed(String why) {
    return new InvalidInputException(ErrorCode.INVALID_INPUT, "malformed agent kit: " + why);
  }
}
