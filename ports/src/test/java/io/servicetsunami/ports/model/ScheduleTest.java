package io.servicetsunami.ports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {

  @ParameterizedTest
  @ValueSource(strings = {"0 3 * * *", "*/5 * * * 1-5", "  30   6 1 1 0  "})
  void cronAcceptsFiveFields(String expression) {
    assertThat(new Schedule.Cron(expression, false).expression()).isEqualTo(expression);
  }

  @ParameterizedTest
  @ValueSource(strings = {"* * * *", "0 0 3 * * *", "@daily", " "})
  void cronRejectsAnythingButFiveFields(String expression) {
    assertThatIllegalArgumentException().isThrownBy(() -> new Schedule.Cron(expression, false));
  }

  @Test
  void intervalIsAtLeastOneMinute() {
    assertThat(new Schedule.Interval(Duration.ofMinutes(1), true).paused()).isTrue();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Schedule.Interval(Duration.ofSeconds(59), false))
        .withMessageContaining("at least one minute");
  }
}
