package io.servicetsunami.core.lifecycle;

import static io.servicetsunami.ports.model.TaskStatus.COMPLETED;
import static io.servicetsunami.ports.model.TaskStatus.EXECUTING;
import static io.servicetsunami.ports.model.TaskStatus.FAILED;
import static io.servicetsunami.ports.model.TaskStatus.QUEUED;
import static io.servicetsunami.ports.model.TaskStatus.THINKING;
import static io.servicetsunami.ports.model.TaskStatus.WAITING_INPUT;
import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.TaskStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal moves of an agent task:
 *
 * <pre>
 * queued → thinking → executing → completed
 *                         ↓  ↑
 *                    waiting_input   (approve resumes execution)
 * any non-terminal state → failed   (a step failed for good, or a human rejected the result)
 * </pre>
 *
 * Completed and failed are terminal.
 */
public final class TaskStateMachine {

  private static final Map<TaskStatus, Set<TaskStatus>> LEGAL = new EnumMap<>(TaskStatus.class);

  static {
    LEGAL.put(QUEUED, EnumSet.of(THINKING, FAILED));
    LEGAL.put(THINKING, EnumSet.of(EXECUTING, FAILED));
    LEGAL.put(EXECUTING, EnumSet.of(WAITING_INPUT, COMPLETED, FAILED));
    LEGAL.put(WAITING_INPUT, EnumSet.of(EXECUTING, FAILED));
    LEGAL.put(COMPLETED, EnumSet.noneOf(TaskStatus.class));
    LEGAL.put(FAILED, EnumSet.noneOf(TaskStatus.class));
  }

  private TaskStateMachine() {}

  public static TransitionResult<TaskStatus> transition(TaskStatus from, TaskStatus to) {
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    if (LEGAL.get(from).contains(to)) {
      return new TransitionResult.Applied<>(from, to);
    }
    String reason =
        from == to
            ? "task is already " + from.wire()
            : from.isTerminal()
                ? "task is " + from.wire() + " and can no longer change"
                : "a task cannot move from " + from.wire() + " to " + to.wire();
    return new TransitionResult.Rejected<>(from, to, reason);
  }
}
