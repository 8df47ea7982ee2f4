package io.servicetsunami.adapters.k8s;

import static java.util.Objects.requireNonNull;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Builds the official client for a {@link ClusterAccess}, and the runtime on top of it. */
public final class KubernetesClients {

  private KubernetesClients() {}

  /** The runtime for {@code settings}, connected as its access says. */
  public static KubernetesInstanceRuntime runtime(KubernetesSettings settings) {
    requireNonNull(settings, "settings is null");
    return new KubernetesInstanceRuntime(connect(settings.access()), settings);
  }

  /**
   * A client for the cluster.
   *
   * @throws IllegalStateException when the service account or kubeconfig cannot be read (a
   *     configuration error at start-up)
   */
  public static ApiClient connect(ClusterAccess access) {
    requireNonNull(access, "access is null");
    try {
      ClientBuilder builder;
      if (access instanceof ClusterAccess.InCluster) {
        builder = ClientBuilder.cluster();
      } else {
        ClusterAccess.Kubeconfig kubeconfig = (ClusterAccess.Kubeconfig) access;
        if (kubeconfig.path().isEmpty() && kubeconfig.context().isEmpty()) {
          builder = ClientBuilder.standard(false);
        } else {
          builder = ClientBuilder.kubeconfig(load(kubeconfig));
        }
      }
      // Reads of pod logs and exec answers can take longer than OkHttp's 10 s default.
      return builder.setReadTimeout(Duration.ofSeconds(60)).build();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot set up the Kubernetes client (" + access + "): " + e.getMessage(), e);
    }
  }

  private static KubeConfig load(ClusterAccess.Kubeconfig access) throws IOException {
    Path path = access.path().orElseGet(KubernetesClients::defaultKubeconfig);
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      KubeConfig config = KubeConfig.loadKubeConfig(reader);
      // Relative certificate and key paths in the file are relative to the file.
      config.setFile(path.toFile());
      Optional<String> context = access.context();
      if (context.isPresent() && !config.setContext(context.get())) {
        throw new IllegalArgumentException(
            "kubeconfig " + path + " has no context " + context.get());
      }
      return config;
    }
  }

  private static Path defaultKubeconfig() {
    String env = System.getenv("KUBECONFIG");
    if (env != null && !env.isBlank()) {
      return Path.of(env.split(java.io.File.pathSeparator)[0]);
    }
    return Path.of(System.getProperty("user.home"), ".kube", "config");
  }
}
