package io.servicetsunami.ports.out;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.InstanceId;
import java.time.Duration;

/**
 * One circuit breaker per instance, guarding calls to that instance's gateway. A caller asks {@link
 * #tryAcquire} before a call and reports its outcome with exactly one of {@link #onSuccess}/{@link
 * #onFailure}. Only transport errors, timeouts and gateway errors count as failures — never a
 * skill's own business error.
 */
public interface CircuitBreakers {

  /** The outcome of asking to call. */
  sealed interface Admission {}

  /** The call may go ahead. */
  record Admitted() implements Admission {}

  /** The circuit is open: fail fast and try again after {@code retryAfter}. */
  record Rejected(Duration retryAfter) implements Admission {
    public Rejected {
      requireNonNull(retryAfter, "retryAfter is null");
    }
  }

  /** Whether a breaker lets calls through. */
  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /**
   * Asks to call the instance. While open, rejects with the time left; once the open period is
   * over, admits exactly one trial call and rejects others until that call's outcome is reported.
   */
  Admission tryAcquire(InstanceId instance);

  /** Reports an admitted call that succeeded (or failed for a business reason). */
  void onSuccess(InstanceId instance);

  /** Reports an admitted call that failed with a transport error, timeout or gateway error. */
  void onFailure(InstanceId instance);

  /**
   * Reports an admitted call that was never made because it failed before reaching the gateway
   * (say, its configuration was invalid). Decides nothing: a half-open breaker admits its next
   * trial.
   */
  void release(InstanceId instance);

  /** The breaker's state now, for health views. */
  State state(InstanceId instance);
}
