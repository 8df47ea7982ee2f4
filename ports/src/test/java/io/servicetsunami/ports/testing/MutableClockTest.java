package io.servicetsunami.ports.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  private final MutableClock clock = new MutableClock();

  @Test
  void startsAtTheFixtureInstantAndStandsStill() {
    assertThat(clock.now()).isEqualTo(Fixtures.NOW);
    assertThat(clock.now()).isEqualTo(Fixtures.NOW);
  }

  @Test
  void advancesAndIsSetForward() {
    assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(Fixtures.NOW.plusSeconds(300));

    clock.set(Instant.parse("2030-01-01T00:00:00Z"));

    assertThat(clock.now()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void neverGoesBackwards() {
    assertThatIllegalArgumentException().isThrownBy(() -> clock.advance(Duration.ofSeconds(-1)));
    assertThatIllegalArgumentException().isThrownBy(() -> clock.set(Fixtures.NOW.minusMillis(1)));
    assertThat(clock.now()).isEqualTo(Fixtures.NOW);
  }

  @Test
  void autoAdvanceMovesOnAfterEachReading() {
    clock.autoAdvance(Duration.ofMillis(250));

    Instant first = clock.now();
    Instant second = clock.now();

    assertThat(Duration.between(first, second)).isEqualTo(Duration.ofMillis(250));
    assertThat(clock.peek()).isEqualTo(Fixtures.NOW.plusMillis(500));
  }
}
