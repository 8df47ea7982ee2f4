package io.servicetsunami.ports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnowledgeEntityTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Grace Hopper|grace hopper",
        "  GRACE\t\tHOPPER  |grace hopper",
        "Grace\u00A0Hopper|grace hopper",
        "Ｇｒａｃｅ|grace",
        "ﬁnance team|finance team"
      })
  void normalizeFoldsCaseWhitespaceAndCompatibilityForms(String name, String normalized) {
    assertThat(KnowledgeEntity.normalize(name)).isEqualTo(normalized);
  }

  @Test
  void normalizedNameIsTheNormalizedName() {
    KnowledgeEntity entity = entity(" Acme  Corp ", 0.5);

    assertThat(entity.normalizedName()).isEqualTo("acme corp");
  }

  @Test
  void confidenceMustBeWithinZeroAndOne() {
    assertThat(entity("Acme", 0.0).confidence()).isZero();
    assertThat(entity("Acme", 1.0).confidence()).isEqualTo(1.0);
    assertThatIllegalArgumentException().isThrownBy(() -> entity("Acme", 1.01));
    assertThatIllegalArgumentException().isThrownBy(() -> entity("Acme", Double.NaN));
  }

  private static KnowledgeEntity entity(String name, double confidence) {
    return new KnowledgeEntity(
        new EntityId(UUID.randomUUID()),
        new TenantId(UUID.randomUUID()),
        name,
        "org",
        Map.of(),
        confidence,
        Optional.empty(),
        Instant.EPOCH,
        Instant.EPOCH);
  }
}
