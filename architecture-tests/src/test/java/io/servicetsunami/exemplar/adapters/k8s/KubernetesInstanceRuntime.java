package io.servicetsunami.exemplar.adapters.k8s;

import io.kubernetes.client.openapi.ApiClient;
import io.servicetsunami.exemplar.ports.model.InstanceId;
import io.servicetsunami.exemplar.ports.out.InstanceRuntime;

public final class KubernetesInstanceRuntime implements InstanceRuntime {
  private final ApiClient client;

  KubernetesInstanceRuntime(ApiClient client) {
    this.client = client;
  }

  public static KubernetesInstanceRuntime fromEnvironment() {
    return new KubernetesInstanceRuntime(new ApiClient());
  }

  @Override
  public void scale(InstanceId id, int replicas) {
    client.setBasePath(client.getBasePath() + "/" + id.value() + "/" + replicas);
  }
}
