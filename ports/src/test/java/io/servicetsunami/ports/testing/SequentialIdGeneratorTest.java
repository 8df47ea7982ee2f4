package io.servicetsunami.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class SequentialIdGeneratorTest {

  private final SequentialIdGenerator ids = new SequentialIdGenerator();

  @Test
  void newIdsCountUpPredictably() {
    UUID first = ids.newId();
    UUID second = ids.newId();

    assertThat(first).hasToString("00000000-0000-4000-8000-000000000001");
    assertThat(second).isEqualTo(SequentialIdGenerator.nth(2));
    assertThat(ids.issued()).containsExactly(first, second);
  }

  @Test
  void idForIsTheNameBasedUuidOfTheName() {
    UUID id = ids.idFor("task-1/dispatch_task");

    assertThat(id).isEqualTo(new SequentialIdGenerator().idFor("task-1/dispatch_task"));
    assertThat(id).isEqualTo(UUID.nameUUIDFromBytes("task-1/dispatch_task".getBytes()));
    assertThat(id.version()).isEqualTo(3);
    assertThat(ids.idFor("task-1/recall_memory")).isNotEqualTo(id);
  }

  @Test
  void idForRejectsBlankNames() {
    assertThatIllegalArgumentException().isThrownBy(() -> ids.idFor(" "));
    assertThatIllegalArgumentException().isThrownBy(() -> ids.idFor(null));
  }
}
