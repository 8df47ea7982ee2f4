package io.servicetsunami.adapters.k8s;

import static java.util.Objects.requireNonNull;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Service;
import java.util.List;

/**
 * The objects of one release except its secret (which carries the gateway token and is rendered
 * separately, so these may be logged, dumped and compared freely).
 */
public record ReleaseObjects(
    V1ConfigMap config, V1PersistentVolumeClaim state, V1Service service, V1Deployment deployment) {

  public ReleaseObjects {
    requireNonNull(config, "config is null");
    requireNonNull(state, "state is null");
    requireNonNull(service, "service is null");
    requireNonNull(deployment, "deployment is null");
  }

  /** In the order they are applied: what the Deployment mounts and exposes before the pods. */
  public List<KubernetesObject> inApplyOrder() {
    return List.of(config, state, service, deployment);
  }
}
