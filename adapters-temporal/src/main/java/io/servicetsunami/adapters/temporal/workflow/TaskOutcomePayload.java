package io.servicetsunami.adapters.temporal.workflow;

/** How a task workflow ended when it did not fail: completed, rejected or expired. */
public record TaskOutcomePayload(String outcome, Double score, String reason) {
  static final String COMPLETED = "completed";
  static final String REJECTED = "rejected";
  static final String EXPIRED = "expired";
}
