package io.servicetsunami.adapters.k8s;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.util.ClientBuilder;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mock API server in CRUD mode (stateful: uids, resourceVersions, generations, 409s,
 * label selectors, merge patches, status subresources), served to the official client. It has no
 * controllers: {@link FakeKubelet} plays them. Expectations ({@code server.expect()…}) take
 * priority over CRUD, which is how exec sessions and pod logs are scripted.
 */
final class MockCluster implements AutoCloseable {

  final KubernetesMockServer server;
  final ApiClient client;
  final CoreV1Api core;
  final AppsV1Api apps;

  private MockCluster(KubernetesMockServer server, ApiClient client) {
    this.server = server;
    this.client = client;
    this.core = new CoreV1Api(client);
    this.apps = new AppsV1Api(client);
  }

  static MockCluster start() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    ApiClient client =
        new ClientBuilder()
            .setBasePath("http://" + server.getHostName() + ":" + server.getPort())
            .build();
    return new MockCluster(server, client);
  }

  List<V1Deployment> deployments(ReleaseRef ref) throws ApiException {
    return apps.listNamespacedDeployment(ref.namespace())
        .labelSelector(ReleaseLayout.releaseSelector(ref))
        .execute()
        .getItems();
  }

  List<V1Service> services(ReleaseRef ref) throws ApiException {
    return core.listNamespacedService(ref.namespace())
        .labelSelector(ReleaseLayout.releaseSelector(ref))
        .execute()
        .getItems();
  }

  List<V1ConfigMap> configMaps(ReleaseRef ref) throws ApiException {
    return core.listNamespacedConfigMap(ref.namespace())
        .labelSelector(ReleaseLayout.releaseSelector(ref))
        .execute()
        .getItems();
  }

  List<V1Secret> secrets(ReleaseRef ref) throws ApiException {
    return core.listNamespacedSecret(ref.namespace())
        .labelSelector(ReleaseLayout.releaseSelector(ref))
        .execute()
        .getItems();
  }

  List<V1PersistentVolumeClaim> claims(ReleaseRef ref) throws ApiException {
    return core.listNamespacedPersistentVolumeClaim(ref.namespace())
        .labelSelector(ReleaseLayout.releaseSelector(ref))
        .execute()
        .getItems();
  }

  List<V1Pod> pods(ReleaseRef ref) throws ApiException {
    return core.listNamespacedPod(ref.namespace())
        .labelSelector(ReleaseLayout.podSelector(ref))
        .execute()
        .getItems();
  }

  V1Deployment deployment(ReleaseRef ref) throws ApiException {
    return apps.readNamespacedDeployment(ref.release(), ref.namespace()).execute();
  }

  /** How many objects of the release exist, of every kind the runtime writes. */
  int objectCount(ReleaseRef ref) throws ApiException {
    return deployments(ref).size()
        + services(ref).size()
        + configMaps(ref).size()
        + secrets(ref).size()
        + claims(ref).size();
  }

  @Override
  public void close() {
    server.destroy();
  }
}
