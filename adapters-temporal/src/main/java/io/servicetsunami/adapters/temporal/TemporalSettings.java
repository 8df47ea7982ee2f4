package io.servicetsunami.adapters.temporal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach Temporal. Without {@code TEMPORAL_ADDRESS} the adapter runs Temporal's in-process
 * server bound to 127.0.0.1 only, with time skipping off ({@link Mode#EMBEDDED}); with it, it
 * connects to that server ({@link Mode#REMOTE}) in {@code TEMPORAL_NAMESPACE} (default {@code
 * default}), reading TLS and API-key settings ({@code TEMPORAL_TLS*}, {@code TEMPORAL_API_KEY},
 * {@code TEMPORAL_GRPC_META_*}) through the SDK's environment configuration.
 *
 * @param embeddedPort the embedded server's port on 127.0.0.1; 0 picks a free one
 * @param approvalExpiry how long a task waits for a human's approval before it fails; empty waits
 *     for ever
 * @param shutdownGrace how long workers may finish in-flight tasks when they stop
 * @param environment the variables read, kept for the SDK's environment configuration
 */
public record TemporalSettings(
    Mode mode,
    Optional<String> address,
    String namespace,
    int embeddedPort,
    Optional<Duration> approvalExpiry,
    Duration shutdownGrace,
    Map<String, String> environment) {

  /** Where the Temporal server is. */
  public enum Mode {
    /** In-process server on loopback, in memory: everything is lost when the process ends. */
    EMBEDDED,
    /** A Temporal server or cluster at {@code TEMPORAL_ADDRESS}. */
    REMOTE
  }

  public static final String ADDRESS = "TEMPORAL_ADDRESS";
  public static final String NAMESPACE = "TEMPORAL_NAMESPACE";

  /** The embedded server's port (default 7233, the port Temporal's tools expect). */
  public static final String EMBEDDED_PORT = "TEMPORAL_EMBEDDED_PORT";

  /** ISO-8601 duration such as {@code PT72H}; unset means a task waits for approval for ever. */
  public static final String APPROVAL_EXPIRY = "TASK_APPROVAL_EXPIRY";

  public static final String DEFAULT_NAMESPACE = "default";
  public static final int DEFAULT_EMBEDDED_PORT = 7233;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

  public TemporalSettings {
    requireNonNull(mode, "mode is null");
    requireNonNull(address, "address is null");
    requireNonNull(namespace, "namespace is null");
    if (namespace.isBlank()) {
      throw new IllegalArgumentException("namespace is blank");
    }
    if (mode == Mode.REMOTE && address.isEmpty()) {
      throw new IllegalArgumentException("remote mode needs an address");
    }
    if (embeddedPort < 0 || embeddedPort > 65_535) {
      throw new IllegalArgumentException("embeddedPort out of range: " + embeddedPort);
    }
    requireNonNull(approvalExpiry, "approvalExpiry is null");
    approvalExpiry.ifPresent(
        expiry -> {
          if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("approval expiry must be positive: " + expiry);
          }
        });
    requireNonNull(shutdownGrace, "shutdownGrace is null");
    environment = Map.copyOf(requireNonNull(environment, "environment is null"));
  }

  /** The settings the variables describe ({@code System.getenv()} in the app). */
  public static TemporalSettings fromEnvironment(Map<String, String> env) {
    Optional<String> address = nonBlank(env.get(ADDRESS));
    String namespace = nonBlank(env.get(NAMESPACE)).orElse(DEFAULT_NAMESPACE);
    int port =
        nonBlank(env.get(EMBEDDED_PORT)).map(Integer::parseInt).orElse(DEFAULT_EMBEDDED_PORT);
    Optional<Duration> expiry;
    try {
      expiry = nonBlank(env.get(APPROVAL_EXPIRY)).map(Duration::parse);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          APPROVAL_EXPIRY + " must be an ISO-8601 duration such as PT72H", e);
    }
    return new TemporalSettings(
        address.isPresent() ? Mode.REMOTE : Mode.EMBEDDED,
        address,
        namespace,
        port,
        expiry,
        DEFAULT_SHUTDOWN_GRACE,
        env);
  }

  /** The embedded mode on {@code port} (0: any free port), for tests and tools. */
  public static TemporalSettings embedded(int port) {
    return new TemporalSettings(
        Mode.EMBEDDED,
        Optional.empty(),
        DEFAULT_NAMESPACE,
        port,
        Optional.empty(),
        DEFAULT_SHUTDOWN_GRACE,
        Map.of());
  }

  public TemporalSettings withApprovalExpiry(Optional<Duration> expiry) {
    return new TemporalSettings(
        mode, address, namespace, embeddedPort, expiry, shutdownGrace, environment);
  }

  public TemporalSettings withShutdownGrace(Duration grace) {
    return new TemporalSettings(
        mode, address, namespace, embeddedPort, approvalExpiry, grace, environment);
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** Without the environment, which may hold an API key. */
  @Override
  public String toString() {
    return "TemporalSettings[mode="
        + mode
        + ", address="
        + address.orElse("(embedded)")
        + ", namespace="
        + namespace
        + ", embeddedPort="
        + embeddedPort
        + ", approvalExpiry="
        + approvalExpiry.map(Duration::toString).orElse("none")
        + "]";
  }
}
