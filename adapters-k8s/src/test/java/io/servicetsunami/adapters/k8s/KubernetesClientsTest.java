package io.servicetsunami.adapters.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing in-cluster access or a kubeconfig by configuration. */
class KubernetesClientsTest {

  private static final String KUBECONFIG =
      String.join(
          "\n",
          "apiVersion: v1",
          "kind: Config",
          "current-context: dev",
          "clusters:",
          "- name: dev",
          "  cluster: {server: 'https://dev.example:6443', insecure-skip-tls-verify: true}",
          "- name: prod",
          "  cluster: {server: 'https://prod.example:6443', insecure-skip-tls-verify: true}",
          "users:",
          "- name: admin",
          "  user: {token: not-a-real-token}",
          "contexts:",
          "- name: dev",
          "  context: {cluster: dev, user: admin}",
          "- name: prod",
          "  context: {cluster: prod, user: admin}",
          "");

  @TempDir Path dir;

  @Test
  void readsTheAccessModeFromConfiguration() {
    assertThat(ClusterAccess.of("in-cluster", Optional.empty(), Optional.empty()))
        .isEqualTo(new ClusterAccess.InCluster());
    assertThat(ClusterAccess.of("Kubeconfig", Optional.of(Path.of("/k")), Optional.of("prod")))
        .isEqualTo(new ClusterAccess.Kubeconfig(Optional.of(Path.of("/k")), Optional.of("prod")));
    assertThatThrownBy(() -> ClusterAccess.of("helm", Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in-cluster or kubeconfig");
  }

  @Test
  void connectsThroughAKubeconfigFileAndItsCurrentOrNamedContext() throws Exception {
    Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

    ApiClient current =
        KubernetesClients.connect(
            new ClusterAccess.Kubeconfig(Optional.of(file), Optional.empty()));
    ApiClient prod =
        KubernetesClients.connect(
            new ClusterAccess.Kubeconfig(Optional.of(file), Optional.of("prod")));

    assertThat(current.getBasePath()).isEqualTo("https://dev.example:6443");
    assertThat(prod.getBasePath()).isEqualTo("https://prod.example:6443");
  }

  @Test
  void aMissingContextOrFileIsAConfigurationError() throws Exception {
    Path file = Files.writeString(dir.resolve("config"), KUBECONFIG);

    assertThatThrownBy(
            () ->
                KubernetesClients.connect(
                    new ClusterAccess.Kubeconfig(Optional.of(file), Optional.of("staging"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no context staging");
    assertThatThrownBy(
            () ->
                KubernetesClients.connect(
                    new ClusterAccess.Kubeconfig(
                        Optional.of(dir.resolve("missing")), Optional.empty())))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void settingsDefaultToServerSideApplyAndTheOfficialImage() {
    KubernetesSettings settings = KubernetesSettings.defaults(new ClusterAccess.InCluster());

    assertThat(settings.applyMode()).isEqualTo(ApplyMode.SERVER_SIDE_APPLY);
    assertThat(settings.template().imageRepository()).isEqualTo("ghcr.io/openclaw/openclaw");
    assertThatThrownBy(
            () -> ReleaseTemplate.DEFAULT.withImageRepository("ghcr.io/openclaw/openclaw:1.0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            ReleaseTemplate.DEFAULT.withImageRepository("registry:5000/openclaw").imageRepository())
        .isEqualTo("registry:5000/openclaw");
  }
}
