package io.servicetsunami.adapters.k8s;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import java.util.regex.Pattern;

/**
 * Names, labels and ports of a release. A release is not a Helm object here: it is the set of
 * objects carrying {@code app.kubernetes.io/instance={release}} and {@code
 * app.kubernetes.io/managed-by=servicetsunami}, named after the release.
 */
public final class ReleaseLayout {

  public static final String NAME_LABEL = "app.kubernetes.io/name";
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String TENANT_LABEL = "servicetsunami.io/tenant-id";
  public static final String INSTANCE_ID_LABEL = "servicetsunami.io/instance-id";
  public static final String VERSION_ANNOTATION = "servicetsunami.io/openclaw-version";
  public static final String RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";

  public static final String APP = "openclaw";
  public static final String MANAGED_BY = "servicetsunami";

  /** The one field manager for every write, so server-side apply sees a single owner. */
  public static final String FIELD_MANAGER = "servicetsunami";

  public static final String CONTAINER = "openclaw";
  public static final int GATEWAY_PORT = 18789;
  public static final String PORT_NAME = "gateway";

  /** The key of the gateway token in the release's secret (the original system's key). */
  public static final String TOKEN_KEY = "OPENCLAW_GATEWAY_TOKEN";

  public static final String CONFIG_KEY = "openclaw.json";

  public static final String STATE_DIR = "/home/node/.openclaw";
  public static final String CONFIG_PATH = STATE_DIR + "/" + CONFIG_KEY;
  public static final String SEED_CONFIG_DIR = "/etc/openclaw";

  // The longest suffix ("-secrets") must still give a valid DNS label of at most 63 characters.
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,53}[a-z0-9])?");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private ReleaseLayout() {}

  /** The Deployment and the Service: the release name itself. */
  public static String deploymentName(ReleaseRef ref) {
    return valid(ref).release();
  }

  public static String serviceName(ReleaseRef ref) {
    return valid(ref).release();
  }

  public static String configMapName(ReleaseRef ref) {
    return valid(ref).release() + "-config";
  }

  /** Holds the instance's gateway token, like the original system's {@code openclaw-secrets}. */
  public static String secretName(ReleaseRef ref) {
    return valid(ref).release() + "-secrets";
  }

  public static String stateClaimName(ReleaseRef ref) {
    return valid(ref).release() + "-state";
  }

  /** Selects the release's pods (the Deployment's and Service's selector). */
  public static String podSelector(ReleaseRef ref) {
    return NAME_LABEL + "=" + APP + "," + INSTANCE_LABEL + "=" + valid(ref).release();
  }

  /** Selects everything the release owns, including volumes. */
  public static String releaseSelector(ReleaseRef ref) {
    return INSTANCE_LABEL + "=" + valid(ref).release() + "," + MANAGED_BY_LABEL + "=" + MANAGED_BY;
  }

  static ReleaseRef valid(ReleaseRef ref) {
    requireNonNull(ref, "ref is null");
    if (!DNS_LABEL.matcher(ref.release()).matches()) {
      throw new IllegalArgumentException(
          "release name must be a DNS label of at most 55 characters: " + ref.release());
    }
    if (!NAMESPACE.matcher(ref.namespace()).matches()) {
      throw new IllegalArgumentException("not a Kubernetes namespace name: " + ref.namespace());
    }
    return ref;
  }
}
