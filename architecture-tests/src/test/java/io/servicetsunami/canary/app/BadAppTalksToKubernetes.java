package io.servicetsunami.canary.app;

import io.kubernetes.client.openapi.ApiClient;

/** The app calling the cluster instead of going through the k8s adapter. */
public final class BadAppTalksToKubernetes {
  public String basePath(ApiClient client) {
    return client.getBasePath();
  }
}
