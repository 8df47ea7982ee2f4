package io.servicetsunami.adapters.k8s;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Configuration of the Kubernetes runtime.
 *
 * @param access how the cluster is reached
 * @param template what releases are rendered from
 * @param applyMode how install writes objects
 * @param pollInterval how often a wait looks at the cluster again
 * @param unschedulableGrace how long a pod may stay unschedulable before the wait fails (a cluster
 *     autoscaler may add a node in that time)
 * @param commandTimeout how long one command inside the gateway pod may run
 * @param pairingWait how long pairing waits for the device's pairing request to reach the gateway
 */
public record KubernetesSettings(
    ClusterAccess access,
    ReleaseTemplate template,
    ApplyMode applyMode,
    Duration pollInterval,
    Duration unschedulableGrace,
    Duration commandTimeout,
    Duration pairingWait) {

  public KubernetesSettings {
    requireNonNull(access, "access is null");
    requireNonNull(template, "template is null");
    requireNonNull(applyMode, "applyMode is null");
    requirePositive(pollInterval, "pollInterval");
    requireNonNull(unschedulableGrace, "unschedulableGrace is null");
    if (unschedulableGrace.isNegative()) {
      throw new IllegalArgumentException("unschedulableGrace is negative");
    }
    requirePositive(commandTimeout, "commandTimeout");
    requireNonNull(pairingWait, "pairingWait is null");
    if (pairingWait.isNegative()) {
      throw new IllegalArgumentException("pairingWait is negative");
    }
  }

  /** Production defaults: poll every 2 s, 30 s grace for scheduling, 60 s per pod command. */
  public static KubernetesSettings defaults(ClusterAccess access) {
    return new KubernetesSettings(
        access,
        ReleaseTemplate.DEFAULT,
        ApplyMode.SERVER_SIDE_APPLY,
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30));
  }

  public KubernetesSettings withTemplate(ReleaseTemplate value) {
    return new KubernetesSettings(
        access, value, applyMode, pollInterval, unschedulableGrace, commandTimeout, pairingWait);
  }

  public KubernetesSettings withApplyMode(ApplyMode value) {
    return new KubernetesSettings(
        access, template, value, pollInterval, unschedulableGrace, commandTimeout, pairingWait);
  }

  public KubernetesSettings withPollInterval(Duration value) {
    return new KubernetesSettings(
        access, template, applyMode, value, unschedulableGrace, commandTimeout, pairingWait);
  }

  public KubernetesSettings withUnschedulableGrace(Duration value) {
    return new KubernetesSettings(
        access, template, applyMode, pollInterval, value, commandTimeout, pairingWait);
  }

  public KubernetesSettings withCommandTimeout(Duration value) {
    return new KubernetesSettings(
        access, template, applyMode, pollInterval, unschedulableGrace, value, pairingWait);
  }

  public KubernetesSettings withPairingWait(Duration value) {
    return new KubernetesSettings(
        access, template, applyMode, pollInterval, unschedulableGrace, commandTimeout, value);
  }

  private static void requirePositive(Duration value, String name) {
    requireNonNull(value, name + " is null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
