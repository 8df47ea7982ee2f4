package io.servicetsunami.adapters.openclaw;

/**
 * Counters of one instance's pooled connection, for metrics and tests.
 *
 * @param connected whether an authenticated socket is open now
 * @param connectAttempts sockets opened (each one handshake)
 * @param connects handshakes that ended in {@code hello-ok}
 * @param drops authenticated sockets that closed under us (gateway gone, tick timeout, …)
 * @param malformedFrames frames that were not JSON or not a known frame shape (ignored)
 * @param unknownResponses responses to no waiting request: duplicates, late or unknown ids
 *     (ignored)
 */
public record ConnectionStats(
    boolean connected,
    long connectAttempts,
    long connects,
    long drops,
    long malformedFrames,
    long unknownResponses) {

  static final ConnectionStats NONE = new ConnectionStats(false, 0, 0, 0, 0, 0);
}
