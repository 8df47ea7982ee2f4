package io.servicetsunami.adapters.k8s;

import com.google.gson.JsonObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.util.ProxyContentTypeRequestBody;
import java.io.IOException;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One kind of namespaced object the runtime writes, with the calls for it. The client's generated
 * calls build the requests (paths, query, auth); what goes over the wire and comes back is raw
 * JSON, because the runtime merges and compares whole objects and the client's strict models would
 * drop — or refuse — fields they do not know.
 */
final class KubeKind<T extends KubernetesObject> {

  private static final MediaType JSON_MEDIA = MediaType.get("application/json; charset=utf-8");

  @FunctionalInterface
  interface BuildCall<T> {
    Call build(String namespace, String name, T body) throws ApiException;
  }

  @FunctionalInterface
  interface BuildPatch {
    Call build(String namespace, String name, V1Patch patch, Boolean force) throws ApiException;
  }

  private final ApiClient client;
  private final String kind;
  private final BuildCall<T> get;
  private final BuildCall<T> create;
  private final BuildCall<T> replace;
  private final BuildPatch patch;
  private final BuildCall<T> delete;

  private KubeKind(
      ApiClient client,
      String kind,
      BuildCall<T> get,
      BuildCall<T> create,
      BuildCall<T> replace,
      BuildPatch patch,
      BuildCall<T> delete) {
    this.client = client;
    this.kind = kind;
    this.get = get;
    this.create = create;
    this.replace = replace;
    this.patch = patch;
    this.delete = delete;
  }

  String kind() {
    return kind;
  }

  /** The object as the API server sent it, or empty when it does not exist. */
  Optional<JsonObject> get(String namespace, String name) throws ApiException {
    try {
      return Optional.of(Manifests.parse(send(client, get.build(namespace, name, null).request())));
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Creates {@code object}, sending {@code json} (the object's wire form) as the body. */
  void create(String namespace, T object, JsonObject json) throws ApiException {
    Request request = create.build(namespace, null, object).request();
    send(
        client,
        request.newBuilder().post(RequestBody.create(Manifests.text(json), JSON_MEDIA)).build());
  }

  /** Replaces the object with {@code json}, which carries the resourceVersion it was read at. */
  void replace(String namespace, String name, T placeholder, JsonObject json) throws ApiException {
    Request request = replace.build(namespace, name, placeholder).request();
    send(
        client,
        request.newBuilder().put(RequestBody.create(Manifests.text(json), JSON_MEDIA)).build());
  }

  /** Sends {@code body} as a patch of {@code format} (a {@code V1Patch.PATCH_FORMAT_*}). */
  void patch(String namespace, String name, String body, String format, Boolean force)
      throws ApiException {
    Request request = patch.build(namespace, name, new V1Patch(body), force).request();
    send(
        client,
        request
            .newBuilder()
            .patch(new ProxyContentTypeRequestBody(request.body(), format))
            .build());
  }

  /** Deletes the object; {@code false} when it was already gone. */
  boolean delete(String namespace, String name) throws ApiException {
    try {
      send(client, delete.build(namespace, name, null).request());
      return true;
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Sends a request built by the client and returns the answer's body as text; fails with the
   * status unless it succeeded.
   */
  static String send(ApiClient client, Request request) throws ApiException {
    try (Response response = client.getHttpClient().newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (!response.isSuccessful()) {
        throw new ApiException(
            response.message(), response.code(), response.headers().toMultimap(), text);
      }
      return text;
    } catch (IOException e) {
      throw new ApiException(e);
    }
  }

  static KubeKind<V1ConfigMap> configMaps(ApiClient client) {
    CoreV1Api core = new CoreV1Api(client);
    return new KubeKind<>(
        client,
        "ConfigMap",
        (ns, name, body) -> core.readNamespacedConfigMap(name, ns).buildCall(null),
        (ns, name, body) ->
            core.createNamespacedConfigMap(ns, body)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .buildCall(null),
        (ns, name, body) ->
            core.replaceNamespacedConfigMap(name, ns, body)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .buildCall(null),
        (ns, name, patch, force) ->
            core.patchNamespacedConfigMap(name, ns, patch)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .force(force)
                .buildCall(null),
        (ns, name, body) -> core.deleteNamespacedConfigMap(name, ns).buildCall(null));
  }

  static KubeKind<V1Secret> secrets(ApiClient client) {
    CoreV1Api core = new CoreV1Api(client);
    return new KubeKind<>(
        client,
        "Secret",
        (ns, name, body) -> core.readNamespacedSecret(name, ns).buildCall(null),
        (ns, name, body) ->
            core.createNamespacedSecret(ns, body)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .buildCall(null),
        (ns, name, body) ->
            core.replaceNamespacedSecret(name, ns, body)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .buildCall(null),
        (ns, name, patch, force) ->
            core.patchNamespacedSecret(name, ns, patch)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .force(force)
                .buildCall(null),
        (ns, name, body) -> core.deleteNamespacedSecret(name, ns).buildCall(null));
  }

  static KubeKind<V1PersistentVolumeClaim> claims(ApiClient client) {
    CoreV1Api core = new CoreV1Api(client);
    return new KubeKind<>(
        client,
        "PersistentVolumeClaim",
        (ns, name, body) -> core.readNamespacedPersistentVolumeClaim(name, ns).buildCall(null),
        (ns, name, body) ->
            core.createNamespacedPersistentVolumeClaim(ns, body)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .buildCall(null),
        (ns, name, body) ->
            core.replaceNamespacedPersistentVolumeClaim(name, ns, body)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .buildCall(null),
        (ns, name, patch, force) ->
            core.patchNamespacedPersistentVolumeClaim(name, ns, patch)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .force(force)
                .buildCall(null),
        (ns, name, body) -> core.deleteNamespacedPersistentVolumeClaim(name, ns).buildCall(null));
  }

  static KubeKind<V1Service> services(ApiClient client) {
    CoreV1Api core = new CoreV1Api(client);
    return new KubeKind<>(
        client,
        "Service",
        (ns, name, body) -> core.readNamespacedService(name, ns).buildCall(null),
        (ns, name, body) ->
            core.createNamespacedService(ns, body)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .buildCall(null),
        (ns, name, body) ->
            core.replaceNamespacedService(name, ns, body)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .buildCall(null),
        (ns, name, patch, force) ->
            core.patchNamespacedService(name, ns, patch)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .force(force)
                .buildCall(null),
        (ns, name, body) -> core.deleteNamespacedService(name, ns).buildCall(null));
  }

  static KubeKind<V1Deployment> deployments(ApiClient client) {
    AppsV1Api apps = new AppsV1Api(client);
    return new KubeKind<>(
        client,
        "Deployment",
        (ns, name, body) -> apps.readNamespacedDeployment(name, ns).buildCall(null),
        (ns, name, body) ->
            apps.createNamespacedDeployment(ns, body)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .buildCall(null),
        (ns, name, body) ->
            apps.replaceNamespacedDeployment(name, ns, body)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .buildCall(null),
        (ns, name, patch, force) ->
            apps.patchNamespacedDeployment(name, ns, patch)
                .fieldManager(ReleaseLayout.FIELD_MANAGER)
                .force(force)
                .buildCall(null),
        // Background: the API server's garbage collector removes the ReplicaSets and pods.
        (ns, name, body) ->
            apps.deleteNamespacedDeployment(name, ns)
                .propagationPolicy("Background")
                .buildCall(null));
  }
}
