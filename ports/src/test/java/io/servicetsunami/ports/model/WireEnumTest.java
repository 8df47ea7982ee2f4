package io.servicetsunami.ports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WireEnumTest {

  @Test
  void wireFormIsTheLowerCaseName() {
    assertThat(TaskStatus.WAITING_INPUT.wire()).isEqualTo("waiting_input");
    assertThat(StepType.MEMORY_RECALL.wire()).isEqualTo("memory_recall");
    assertThat(SkillKind.TOOL_DISPATCH.wire()).isEqualTo("tool_dispatch");
  }

  @ParameterizedTest
  @EnumSource(TaskStatus.class)
  void everyTaskStatusRoundTripsThroughItsWireForm(TaskStatus status) {
    assertThat(TaskStatus.fromWire(status.wire())).isSameAs(status);
  }

  @ParameterizedTest
  @EnumSource(InstanceStatus.class)
  void everyInstanceStatusRoundTripsThroughItsWireForm(InstanceStatus status) {
    assertThat(InstanceStatus.fromWire(status.wire())).isSameAs(status);
  }

  @Test
  void unknownValueNamesTheTypeAndTheAcceptedValues() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RunStatus.fromWire("done"))
        .withMessage(
            "unknown RunStatus 'done'; expected one of: running, completed, failed, cancelled");
  }

  @Test
  void parsingIsExactAboutCaseAndNull() {
    assertThatIllegalArgumentException().isThrownBy(() -> TaskStatus.fromWire("QUEUED"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SyncMode.fromWire(null))
        .withMessageContaining("'null'");
  }
}
