package io.servicetsunami.core.lifecycle;

import static io.servicetsunami.ports.model.TaskStatus.COMPLETED;
import static io.servicetsunami.ports.model.TaskStatus.EXECUTING;
import static io.servicetsunami.ports.model.TaskStatus.FAILED;
import static io.servicetsunami.ports.model.TaskStatus.QUEUED;
import static io.servicetsunami.ports.model.TaskStatus.THINKING;
import static io.servicetsunami.ports.model.TaskStatus.WAITING_INPUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.TaskStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskStateMachineTest {

  /** The whole table: every status and the statuses it may move to. Everything else is illegal. */
  private static final Map<TaskStatus, Set<TaskStatus>> LEGAL =
      Map.of(
          QUEUED, EnumSet.of(THINKING, FAILED),
          THINKING, EnumSet.of(EXECUTING, FAILED),
          EXECUTING, EnumSet.of(WAITING_INPUT, COMPLETED, FAILED),
          WAITING_INPUT, EnumSet.of(EXECUTING, FAILED),
          COMPLETED, EnumSet.noneOf(TaskStatus.class),
          FAILED, EnumSet.noneOf(TaskStatus.class));

  static Stream<Arguments> everyPair() {
    return Stream.of(TaskStatus.values())
        .flatMap(
            from ->
                Stream.of(TaskStatus.values())
                    .map(to -> Arguments.of(from, to, LEGAL.get(from).contains(to))));
  }

  @ParameterizedTest(name = "{0} -> {1} legal={2}")
  @MethodSource("everyPair")
  void decidesEveryPairOfStatuses(TaskStatus from, TaskStatus to, boolean legal) {
    TransitionResult<TaskStatus> result = TaskStateMachine.transition(from, to);

    assertThat(result.from()).isEqualTo(from);
    assertThat(result.to()).isEqualTo(to);
    if (legal) {
      assertThat(result).isInstanceOf(TransitionResult.Applied.class);
    } else {
      assertThat(result).isInstanceOf(TransitionResult.Rejected.class);
      assertThat(((TransitionResult.Rejected<TaskStatus>) result).reason())
          .contains(from.wire())
          .isNotBlank();
      assertThatThrownBy(result::orThrow)
          .isInstanceOf(ConflictException.class)
          .extracting(e -> ((ConflictException) e).code())
          .isEqualTo(ErrorCode.INVALID_TRANSITION);
    }
  }

  @ParameterizedTest
  @MethodSource("terminalStatuses")
  void terminalStatusesNeverChange(TaskStatus terminal) {
    for (TaskStatus to : TaskStatus.values()) {
      assertThat(TaskStateMachine.transition(terminal, to).applied()).isFalse();
    }
  }

  static Stream<TaskStatus> terminalStatuses() {
    return Stream.of(COMPLETED, FAILED);
  }
}
