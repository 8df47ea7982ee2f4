package io.servicetsunami.adapters.k8s;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** How the control plane reaches the cluster: from inside it, or through a kubeconfig. */
public sealed interface ClusterAccess {

  /** The pod's service account (token and CA mounted by Kubernetes). */
  record InCluster() implements ClusterAccess {}

  /**
   * A kubeconfig file: {@code path}, or else {@code $KUBECONFIG} / {@code ~/.kube/config}; {@code
   * context}, or else the file's current context.
   */
  record Kubeconfig(Optional<Path> path, Optional<String> context) implements ClusterAccess {
    public Kubeconfig {
      requireNonNull(path, "path is null");
      requireNonNull(context, "context is null");
    }

    /** The default kubeconfig with its current context, as {@code kubectl} would use it. */
    public static Kubeconfig standard() {
      return new Kubeconfig(Optional.empty(), Optional.empty());
    }
  }

  /**
   * Reads the access mode from configuration: {@code in-cluster} or {@code kubeconfig} (with an
   * optional file and context).
   *
   * @throws IllegalArgumentException for any other mode
   */
  static ClusterAccess of(String mode, Optional<Path> kubeconfig, Optional<String> context) {
    requireNonNull(mode, "mode is null");
    switch (mode.trim().toLowerCase(Locale.ROOT)) {
      case "in-cluster":
      case "incluster":
      case "cluster":
        return new InCluster();
      case "kubeconfig":
        return new Kubeconfig(kubeconfig, context);
      default:
        throw new IllegalArgumentException(
            "unknown Kubernetes access mode '" + mode + "' (expected in-cluster or kubeconfig)");
    }
  }
}
