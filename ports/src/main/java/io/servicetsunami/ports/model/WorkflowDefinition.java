package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a durable workflow does, as framework-free data: the core defines it, a workflow engine
 * adapter makes it durable.
 *
 * @param taskQueue the queue its workflows and activities run on
 * @param idPattern how its workflow ids are formed, e.g. {@code task-{task_id}}
 * @param steps its activities in order
 */
public record WorkflowDefinition(
    WorkflowType type, String taskQueue, String idPattern, List<StepDefinition> steps) {

  public WorkflowDefinition {
    requireNonNull(type, "type is null");
    requireText(taskQueue, "taskQueue");
    requireText(idPattern, "idPattern");
    steps = List.copyOf(requireNonNull(steps, "steps is null"));
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).order() != i + 1) {
        throw new IllegalArgumentException(
            type + ": step " + steps.get(i).name() + " out of order");
      }
    }
  }

  public StepDefinition step(String name) {
    return steps.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(type + " has no step " + name));
  }
}
