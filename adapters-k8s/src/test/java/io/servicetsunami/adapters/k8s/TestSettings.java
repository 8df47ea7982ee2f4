package io.servicetsunami.adapters.k8s;

import java.time.Duration;

/** Settings for tests: production shape, but polling and grace periods in milliseconds. */
final class TestSettings {

  private TestSettings() {}

  static KubernetesSettings fast() {
    return KubernetesSettings.defaults(ClusterAccess.Kubeconfig.standard())
        .withPollInterval(Duration.ofMillis(20))
        .withUnschedulableGrace(Duration.ofMillis(200))
        .withCommandTimeout(Duration.ofSeconds(5))
        .withPairingWait(Duration.ofMillis(300));
  }
}
