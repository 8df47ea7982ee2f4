package io.servicetsunami.ports.in;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.TenantInstance;

/**
 * An instance after a lifecycle request, with the workflow that carries it on.
 *
 * @param workflowId {@code provision-openclaw-{id}} or {@code upgrade-openclaw-{id}-{timestamp}}
 */
public record InstanceOperation(TenantInstance instance, String workflowId) {

  public InstanceOperation {
    requireNonNull(instance, "instance is null");
    requireNonNull(workflowId, "workflowId is null");
  }
}
