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
 * @param idPatterns how its workflow ids are formed, e.g. {@code task-{task_id}}
 * @param steps its activities in order
 * @param auxiliarySteps activities outside the main sequence: compensation on failure, resuming
 *     after an approval, opening and closing a run
 */
public record WorkflowDefinition(
    WorkflowType type,
    String taskQueue,
    List<String> idPatterns,
    List<StepDefinition> steps,
    List<StepDefinition> auxiliarySteps) {

  public WorkflowDefinition {
    requireNonNull(type, "type is null");
    requireText(taskQueue, "taskQueue");
    idPatterns = List.copyOf(requireNonNull(idPatterns, "idPatterns is null"));
    if (idPatterns.isEmpty()) {
      throw new IllegalArgumentException(type + ": no workflow id pattern");
    }
    steps = List.copyOf(requireNonNull(steps, "steps is null"));
    auxiliarySteps = List.copyOf(requireNonNull(auxiliarySteps, "auxiliarySteps is null"));
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).order() != i + 1) {
        throw new IllegalArgumentException(
            type + ": step " + steps.get(i).name() + " out of order");
      }
    }
  }

  /** The main or auxiliary step called {@code name}. */
  public StepDefinition step(String name) {
    return java.util.stream.Stream.concat(steps.stream(), auxiliarySteps.stream())
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(type + " has no step " + name));
  }
}
