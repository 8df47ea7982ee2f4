package io.servicetsunami.core.instance;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.ResourceSpec;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Deployment settings every new instance starts from.
 *
 * @param namespace where releases live ({@code prod} in the original deployment)
 * @param defaultVersion the OpenClaw version deployed when a request names none
 * @param readyTimeout how long provisioning waits for the gateway to become ready; a little under
 *     the 6-minute step timeout, so the step reports the reason instead of being cut off
 */
public record InstanceSettings(
    String namespace, String defaultVersion, ResourceSpec resources, Duration readyTimeout) {

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public InstanceSettings {
    requireNonNull(namespace, "namespace is null");
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException("not a Kubernetes namespace name: " + namespace);
    }
    requireNonNull(defaultVersion, "defaultVersion is null");
    if (!isValidVersion(defaultVersion)) {
      throw new IllegalArgumentException("not a version: " + defaultVersion);
    }
    requireNonNull(resources, "resources is null");
    requireNonNull(readyTimeout, "readyTimeout is null");
  }

  public static InstanceSettings defaults(String defaultVersion) {
    return new InstanceSettings(
        "prod", defaultVersion, ResourceSpec.DEFAULT, Duration.ofMinutes(5).plusSeconds(30));
  }

  /** An image tag: letters, digits, dots, dashes and underscores, at most 64 characters. */
  public static boolean isValidVersion(String version) {
    return version != null && VERSION.matcher(version).matches();
  }
}
