package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.function.Supplier;

/**
 * Maps port errors to Temporal failures at the activity edge, and Temporal failures back to safe
 * reasons in workflow code.
 *
 * <p>A {@link TransientException} becomes a retryable {@link ApplicationFailure} (after its {@code
 * retryAfter} when the other side gave one); every other port error — permanent, not found,
 * conflict, invalid input, forbidden — becomes a non-retryable one, so the step fails at once
 * whatever its retry policy says. The failure's type is the stable error code ({@code
 * runtime_failed}, …); its message is the port error's message, which ports promise is safe to show
 * and log (no credentials).
 */
final class Failures {

  private Failures() {}

  /** Runs one step call, translating a port error into the failure Temporal should record. */
  static <T> T call(Supplier<T> step) {
    try {
      return step.get();
    } catch (PortException e) {
      throw toFailure(e);
    }
  }

  static void run(Runnable step) {
    call(
        () -> {
          step.run();
          return null;
        });
  }

  static ApplicationFailure toFailure(PortException e) {
    ApplicationFailure.Builder failure =
        ApplicationFailure.newBuilder()
            .setType(e.code().code())
            .setMessage(e.getMessage())
            .setNonRetryable(!e.retryable());
    if (e instanceof TransientException transientError) {
      transientError.retryAfter().ifPresent(failure::setNextRetryDelay);
    }
    return failure.build();
  }

  /** The error code a failed step or child reported, or a Temporal category when it had none. */
  static String type(TemporalFailure failure) {
    Throwable cause = failure;
    while (cause != null) {
      if (cause instanceof ApplicationFailure application) {
        return application.getType();
      }
      if (cause instanceof TimeoutFailure) {
        return "timeout";
      }
      if (cause instanceof CanceledFailure) {
        return "cancelled";
      }
      cause = cause.getCause();
    }
    return "internal";
  }

  /** A reason safe to store on a task, run or instance: the step and what it reported. */
  static String reason(String step, TemporalFailure failure) {
    return step + " failed: " + innermostMessage(failure) + " (" + type(failure) + ")";
  }

  /**
   * The workflow's own failure after a step (or child) failed for good: non-retryable, typed with
   * the step's error code, so describe() shows why.
   */
  static ApplicationFailure workflowFailure(String step, TemporalFailure failure) {
    return ApplicationFailure.newNonRetryableFailure(reason(step, failure), type(failure));
  }

  private static String innermostMessage(TemporalFailure failure) {
    Throwable cause = failure;
    String message = failure.getOriginalMessage();
    while (cause != null) {
      if (cause instanceof ApplicationFailure application) {
        return application.getOriginalMessage();
      }
      if (cause instanceof TimeoutFailure timeout) {
        return "timed out (" + timeout.getTimeoutType() + ")";
      }
      if (cause instanceof TemporalFailure temporal
          && !(temporal instanceof ActivityFailure)
          && !(temporal instanceof ChildWorkflowFailure)) {
        message = temporal.getOriginalMessage();
      }
      cause = cause.getCause();
    }
    return message;
  }
}
