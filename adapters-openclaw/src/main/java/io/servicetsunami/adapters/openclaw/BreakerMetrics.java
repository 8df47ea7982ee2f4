package io.servicetsunami.adapters.openclaw;

import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.out.CircuitBreakers;
import java.util.Map;

/**
 * A snapshot of one instance's breaker, for metrics endpoints.
 *
 * @param failuresInWindow failures the closed breaker currently counts
 * @param rejectedCalls calls turned away while open (since start)
 * @param transitions how often the breaker entered each state (since start)
 */
public record BreakerMetrics(
    InstanceId instance,
    CircuitBreakers.State state,
    int failuresInWindow,
    long rejectedCalls,
    Map<CircuitBreakers.State, Long> transitions) {

  public BreakerMetrics {
    transitions = Map.copyOf(transitions);
  }
}
