package io.servicetsunami.core.lifecycle;

import static io.servicetsunami.ports.model.InstanceStatus.DESTROYING;
import static io.servicetsunami.ports.model.InstanceStatus.ERROR;
import static io.servicetsunami.ports.model.InstanceStatus.PROVISIONING;
import static io.servicetsunami.ports.model.InstanceStatus.RUNNING;
import static io.servicetsunami.ports.model.InstanceStatus.STOPPED;
import static io.servicetsunami.ports.model.InstanceStatus.UPGRADING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.model.InstanceStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InstanceStateMachineTest {

  private static final Map<InstanceStatus, Set<InstanceStatus>> LEGAL =
      Map.of(
          PROVISIONING, EnumSet.of(RUNNING, ERROR, DESTROYING),
          RUNNING, EnumSet.of(STOPPED, UPGRADING, ERROR, DESTROYING),
          STOPPED, EnumSet.of(RUNNING, ERROR, DESTROYING),
          UPGRADING, EnumSet.of(RUNNING, ERROR, DESTROYING),
          ERROR, EnumSet.of(UPGRADING, DESTROYING),
          DESTROYING, EnumSet.of(ERROR));

  static Stream<Arguments> everyPair() {
    return Stream.of(InstanceStatus.values())
        .flatMap(
            from ->
                Stream.of(InstanceStatus.values())
                    .map(to -> Arguments.of(from, to, LEGAL.get(from).contains(to))));
  }

  @ParameterizedTest(name = "{0} -> {1} legal={2}")
  @MethodSource("everyPair")
  void decidesEveryPairOfStatuses(InstanceStatus from, InstanceStatus to, boolean legal) {
    TransitionResult<InstanceStatus> result = InstanceStateMachine.transition(from, to);

    assertThat(result.applied()).isEqualTo(legal);
    if (legal) {
      assertThat(result).isEqualTo(new TransitionResult.Applied<>(from, to));
    } else {
      assertThat(((TransitionResult.Rejected<InstanceStatus>) result).reason())
          .contains(from.wire());
      assertThatThrownBy(result::orThrow).isInstanceOf(ConflictException.class);
    }
  }

  @Test
  void everyInstanceStartsProvisioning() {
    assertThat(InstanceStateMachine.initial()).isEqualTo(PROVISIONING);
  }

  @Test
  void everyStatusCanBeDestroyedExceptWhileDestroying() {
    for (InstanceStatus status : InstanceStatus.values()) {
      assertThat(InstanceStateMachine.transition(status, DESTROYING).applied())
          .as("%s -> destroying", status)
          .isEqualTo(status != DESTROYING);
    }
  }
}
