package io.servicetsunami.adapters.openclaw;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How {@link OpenClawSkillGateway} talks to gateways. {@link #defaults} holds the production
 * values; tests shorten the times with the {@code with…} methods.
 *
 * @param responseTimeout how long a request may wait for the gateway's response (60 s)
 * @param overallTimeout how long one skill execution may take in all, connecting included (90 s)
 * @param connectTimeout how long opening the socket and the handshake may take (10 s; never more
 *     than what is left of the overall time)
 * @param deviceKeyDirectory where each instance's Ed25519 device key pair is kept; empty keeps them
 *     in memory only (a restart then looks like a new device to the gateway)
 * @param scopes the operator scopes requested; {@code operator.admin} is needed to install skill
 *     credentials ({@code skills.update})
 * @param minBackoff the first reconnect delay after a failed connect (doubles per failure)
 * @param maxBackoff the longest reconnect delay
 * @param maxReconnectWait a call that finds the connection backing off waits for the next attempt
 *     when it is at most this far away, else fails at once with the time to wait
 * @param maxIncomingFrameBytes frames from the gateway larger than this close the connection
 *     (1009); the gateway's own limit is 25 MiB
 * @param authFailureHold after a rejected token, calls with the same token fail at once for this
 *     long instead of connecting again (no retry storm)
 * @param probeTimeout how long each half of the health probe may take
 * @param reconnectWhileIdle after a drop, the pool reconnects in the background as long as the
 *     connection was used within this time; later it reconnects on the next call
 * @param agentModelOverride whether {@code agent} runs pass the skill's model to the gateway
 */
public record OpenClawSettings(
    Duration responseTimeout,
    Duration overallTimeout,
    Duration connectTimeout,
    Optional<Path> deviceKeyDirectory,
    List<String> scopes,
    Duration minBackoff,
    Duration maxBackoff,
    Duration maxReconnectWait,
    int maxIncomingFrameBytes,
    Duration authFailureHold,
    Duration probeTimeout,
    Duration reconnectWhileIdle,
    boolean agentModelOverride) {

  /** 25 MiB, the gateway's own {@code maxPayload}, plus room for the frame around it. */
  public static final int DEFAULT_MAX_INCOMING_FRAME_BYTES = 26_214_400 + 65_536;

  public OpenClawSettings {
    requirePositive(responseTimeout, "responseTimeout");
    requirePositive(overallTimeout, "overallTimeout");
    requirePositive(connectTimeout, "connectTimeout");
    requireNonNull(deviceKeyDirectory, "deviceKeyDirectory is null");
    scopes = List.copyOf(requireNonNull(scopes, "scopes is null"));
    requirePositive(minBackoff, "minBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    requireNonNull(maxReconnectWait, "maxReconnectWait is null");
    if (maxIncomingFrameBytes < 1024) {
      throw new IllegalArgumentException("maxIncomingFrameBytes must be at least 1024");
    }
    requireNonNull(authFailureHold, "authFailureHold is null");
    requirePositive(probeTimeout, "probeTimeout");
    requireNonNull(reconnectWhileIdle, "reconnectWhileIdle is null");
  }

  /** The production values, with device keys kept in {@code deviceKeyDirectory}. */
  public static OpenClawSettings defaults(Path deviceKeyDirectory) {
    return new OpenClawSettings(
        Duration.ofSeconds(60),
        Duration.ofSeconds(90),
        Duration.ofSeconds(10),
        Optional.of(requireNonNull(deviceKeyDirectory, "deviceKeyDirectory is null")),
        List.of("operator.read", "operator.write", "operator.admin"),
        Duration.ofMillis(250),
        Duration.ofSeconds(30),
        Duration.ofSeconds(2),
        DEFAULT_MAX_INCOMING_FRAME_BYTES,
        Duration.ofSeconds(60),
        Duration.ofSeconds(5),
        Duration.ofMinutes(10),
        true);
  }

  public OpenClawSettings withTimeouts(Duration response, Duration overall) {
    return new OpenClawSettings(
        response,
        overall,
        connectTimeout,
        deviceKeyDirectory,
        scopes,
        minBackoff,
        maxBackoff,
        maxReconnectWait,
        maxIncomingFrameBytes,
        authFailureHold,
        probeTimeout,
        reconnectWhileIdle,
        agentModelOverride);
  }

  public OpenClawSettings withConnectTimeout(Duration connect) {
    return new OpenClawSettings(
        responseTimeout,
        overallTimeout,
        connect,
        deviceKeyDirectory,
        scopes,
        minBackoff,
        maxBackoff,
        maxReconnectWait,
        maxIncomingFrameBytes,
        authFailureHold,
        probeTimeout,
        reconnectWhileIdle,
        agentModelOverride);
  }

  public OpenClawSettings withBackoff(Duration min, Duration max, Duration reconnectWait) {
    return new OpenClawSettings(
        responseTimeout,
        overallTimeout,
        connectTimeout,
        deviceKeyDirectory,
        scopes,
        min,
        max,
        reconnectWait,
        maxIncomingFrameBytes,
        authFailureHold,
        probeTimeout,
        reconnectWhileIdle,
        agentModelOverride);
  }

  public OpenClawSettings withMaxIncomingFrameBytes(int bytes) {
    return new OpenClawSettings(
        responseTimeout,
        overallTimeout,
        connectTimeout,
        deviceKeyDirectory,
        scopes,
        minBackoff,
        maxBackoff,
        maxReconnectWait,
        bytes,
        authFailureHold,
        probeTimeout,
        reconnectWhileIdle,
        agentModelOverride);
  }

  public OpenClawSettings withProbeTimeout(Duration probe) {
    return new OpenClawSettings(
        responseTimeout,
        overallTimeout,
        connectTimeout,
        deviceKeyDirectory,
        scopes,
        minBackoff,
        maxBackoff,
        maxReconnectWait,
        maxIncomingFrameBytes,
        authFailureHold,
        probe,
        reconnectWhileIdle,
        agentModelOverride);
  }

  private static void requirePositive(Duration value, String name) {
    requireNonNull(value, name + " is null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
