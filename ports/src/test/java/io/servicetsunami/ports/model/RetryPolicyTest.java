package io.servicetsunami.ports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void defaultIsThreeAttemptsThirtySecondsDoubling() {
    assertThat(RetryPolicy.DEFAULT.maximumAttempts()).isEqualTo(3);
    assertThat(RetryPolicy.DEFAULT.initialInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.DEFAULT.backoffCoefficient()).isEqualTo(2.0);
  }

  @Test
  void intervalsGrowByTheBackoffCoefficient() {
    assertThat(RetryPolicy.DEFAULT.intervalBefore(2)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.DEFAULT.intervalBefore(3)).isEqualTo(Duration.ofSeconds(60));
    assertThat(RetryPolicy.DEFAULT.intervalBefore(4)).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void intervalsAreCappedAtTheMaximum() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(30), 2.0, Duration.ofSeconds(90));

    assertThat(policy.intervalBefore(4)).isEqualTo(Duration.ofSeconds(90));
    assertThat(policy.intervalBefore(10)).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void theFirstAttemptHasNoIntervalBeforeIt() {
    assertThatIllegalArgumentException().isThrownBy(() -> RetryPolicy.DEFAULT.intervalBefore(1));
  }

  @Test
  void invalidPoliciesAreRejected() {
    Duration s = Duration.ofSeconds(1);
    assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(0, s, 2.0, s));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RetryPolicy(3, Duration.ZERO, 2.0, s));
    assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(3, s, 0.5, s));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), 2.0, s));
  }
}
