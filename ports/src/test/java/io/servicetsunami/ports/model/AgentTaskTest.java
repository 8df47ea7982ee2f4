package io.servicetsunami.ports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentTaskTest {

  private static final Instant T0 = Instant.parse("2025-01-01T09:00:00Z");

  private static AgentTask submitted() {
    return AgentTask.submitted(
        new TaskId(UUID.randomUUID()),
        new TenantId(UUID.randomUUID()),
        "Summarise",
        "research",
        TaskPriority.HIGH,
        List.of("research"),
        Map.of("k", "v"),
        true,
        T0);
  }

  @Test
  void submittedTaskIsQueuedUnassignedAtRevisionZero() {
    AgentTask task = submitted();

    assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(task.revision()).isZero();
    assertThat(task.assignedAgentId()).isEmpty();
    assertThat(task.startedAt()).isEmpty();
    assertThat(task.createdAt()).isEqualTo(task.updatedAt()).isEqualTo(T0);
  }

  @Test
  void leavingTheQueueStartsTheTaskOnce() {
    AgentTask thinking = submitted().withStatus(TaskStatus.THINKING, T0.plusSeconds(1));
    AgentTask executing = thinking.withStatus(TaskStatus.EXECUTING, T0.plusSeconds(2));

    assertThat(thinking.startedAt()).contains(T0.plusSeconds(1));
    assertThat(executing.startedAt()).contains(T0.plusSeconds(1));
    assertThat(executing.updatedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(executing.completedAt()).isEmpty();
  }

  @Test
  void terminalStatusCompletesTheTask() {
    AgentTask done =
        submitted()
            .withStatus(TaskStatus.EXECUTING, T0.plusSeconds(1))
            .withStatus(TaskStatus.COMPLETED, T0.plusSeconds(9));

    assertThat(done.completedAt()).contains(T0.plusSeconds(9));
    assertThat(TaskStatus.COMPLETED.isTerminal()).isTrue();
    assertThat(TaskStatus.WAITING_INPUT.isTerminal()).isFalse();
  }

  @Test
  void confidenceMustBeWithinZeroAndOne() {
    assertThat(submitted().withConfidence(0.75, T0).confidence()).contains(0.75);
    assertThatIllegalArgumentException().isThrownBy(() -> submitted().withConfidence(1.5, T0));
  }

  @Test
  void contextMustBeJson() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                AgentTask.submitted(
                    new TaskId(UUID.randomUUID()),
                    new TenantId(UUID.randomUUID()),
                    "Summarise",
                    "research",
                    TaskPriority.LOW,
                    List.of(),
                    Map.of("when", T0),
                    false,
                    T0));
  }
}
