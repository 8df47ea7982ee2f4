package io.servicetsunami.adapters.k8s;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiException;

/**
 * Writes one desired object so that the cluster holds it afterwards, whatever was there before;
 * writing the same object twice leaves the same object.
 *
 * <ul>
 *   <li>Server-side apply (the production path): the full desired object, field manager {@value
 *       ReleaseLayout#FIELD_MANAGER}, forced, so the runtime owns what it renders.
 *   <li>Create-or-merge, where the API server cannot apply (415; or 404 from a server that does not
 *       create on apply): read the object; create it when absent; otherwise merge the desired
 *       object into it by RFC 7386 — maps merge, lists are replaced, fields the server or other
 *       writers set elsewhere (a Service's clusterIP, a claim's volumeName, the restart annotation)
 *       stay — and replace it at the resourceVersion read, again on a 409. Nothing is written when
 *       the merge changes nothing. The merge is done here rather than sent as a merge patch because
 *       not every server merges lists by the RFC (fabric8's mock appends to them).
 * </ul>
 */
final class ObjectApplier {

  private static final int ATTEMPTS = 3;

  private final ApplyMode mode;
  // Once the API server has answered an apply with 415, it will not take one later either.
  private volatile boolean serverSideApplyUnsupported;

  ObjectApplier(ApplyMode mode) {
    this.mode = requireNonNull(mode, "mode is null");
  }

  <T extends KubernetesObject> void apply(KubeKind<T> kind, T desired) throws ApiException {
    String namespace = desired.getMetadata().getNamespace();
    String name = desired.getMetadata().getName();
    JsonObject manifest = Manifests.tree(desired);
    if (mode == ApplyMode.SERVER_SIDE_APPLY && !serverSideApplyUnsupported) {
      try {
        kind.patch(
            namespace,
            name,
            Manifests.text(manifest),
            V1Patch.PATCH_FORMAT_APPLY_YAML,
            Boolean.TRUE);
        return;
      } catch (ApiException e) {
        if (e.getCode() == 415) {
          serverSideApplyUnsupported = true;
        } else if (e.getCode() != 404) {
          // A real API server creates on apply; 404 comes from servers that do not (and from a
          // missing namespace, which create below reports in its own words).
          throw e;
        }
      }
    }
    createOrMerge(kind, namespace, name, desired, manifest);
  }

  /** Whether this applier still uses server-side apply (it has not met a server without it). */
  boolean usesServerSideApply() {
    return mode == ApplyMode.SERVER_SIDE_APPLY && !serverSideApplyUnsupported;
  }

  private static <T extends KubernetesObject> void createOrMerge(
      KubeKind<T> kind, String namespace, String name, T desired, JsonObject manifest)
      throws ApiException {
    ApiException conflict = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        var current = kind.get(namespace, name);
        if (current.isEmpty()) {
          kind.create(namespace, desired, manifest);
          return;
        }
        JsonObject merged = Manifests.merge(current.get(), manifest);
        if (merged.equals(current.get())) {
          return;
        }
        kind.replace(namespace, name, desired, merged);
        return;
      } catch (ApiException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        conflict = e; // created or changed by someone else in between: read again
      }
    }
    throw conflict;
  }
}
