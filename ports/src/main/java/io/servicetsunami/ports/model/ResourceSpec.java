package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;

/**
 * Kubernetes-style resource settings of an instance's gateway, in Kubernetes quantity notation.
 *
 * @param storageSize size of the gateway's persistent state volume
 */
public record ResourceSpec(
    String cpuRequest,
    String cpuLimit,
    String memoryRequest,
    String memoryLimit,
    String storageSize) {

  /** CPU 250m/1000m, memory 512Mi/2Gi: the original deployment's defaults. */
  public static final ResourceSpec DEFAULT =
      new ResourceSpec("250m", "1000m", "512Mi", "2Gi", "1Gi");

  public ResourceSpec {
    requireText(cpuRequest, "cpuRequest");
    requireText(cpuLimit, "cpuLimit");
    requireText(memoryRequest, "memoryRequest");
    requireText(memoryLimit, "memoryLimit");
    requireText(storageSize, "storageSize");
  }
}
