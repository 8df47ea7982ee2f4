package io.servicetsunami.ports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void canonicalUuidTextParsesInAnyCase() {
    UUID uuid = UUID.fromString("1a2b3c4d-0000-4000-8000-00000000abcd");

    assertThat(TaskId.parse("1a2b3c4d-0000-4000-8000-00000000abcd").value()).isEqualTo(uuid);
    assertThat(TenantId.parse("1A2B3C4D-0000-4000-8000-00000000ABCD").value()).isEqualTo(uuid);
    assertThat(TaskId.parse(uuid.toString())).hasToString(uuid.toString());
  }

  @Test
  void shortOrMalformedFormsAreRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AgentId.parse("1-2-3-4-5"))
        .withMessageContaining("not a UUID");
    assertThatIllegalArgumentException().isThrownBy(() -> InstanceId.parse("not-a-uuid"));
    assertThatIllegalArgumentException().isThrownBy(() -> RunId.parse(null));
  }
}
