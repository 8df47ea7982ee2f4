package io.servicetsunami.adapters.k8s;

import io.servicetsunami.ports.contract.InstanceRuntimeContract;
import io.servicetsunami.ports.out.InstanceRuntime;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The port's contract, run against the runtime on the mock API server with a kubelet that keeps
 * reconciling in the background, as a cluster would.
 */
class KubernetesInstanceRuntimeContractTest implements InstanceRuntimeContract {

  private static MockCluster cluster;
  private static FakeKubelet kubelet;
  private static KubernetesInstanceRuntime runtime;

  @BeforeAll
  static void startCluster() {
    cluster = MockCluster.start();
    kubelet = new FakeKubelet(cluster.client, "prod").runInBackground();
    runtime = new KubernetesInstanceRuntime(cluster.client, TestSettings.fast());
  }

  @AfterAll
  static void stopCluster() {
    kubelet.close();
    cluster.close();
  }

  @Override
  public InstanceRuntime runtime() {
    return runtime;
  }

  @Override
  public Duration readyTimeout() {
    return Duration.ofSeconds(20);
  }
}
