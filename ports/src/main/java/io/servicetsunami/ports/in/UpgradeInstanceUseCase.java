package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.TenantId;

/** Moves an instance to another OpenClaw version by re-running the provisioning workflow. */
public interface UpgradeInstanceUseCase {

  /**
   * {@code running|error → upgrading}, then OpenClawProvisionWorkflow with the new version.
   *
   * @throws NotFoundException {@code instance_not_found}
   * @throws ConflictException {@code invalid_transition}
   * @throws InvalidInputException {@code invalid_input} for a malformed version
   */
  InstanceOperation upgrade(TenantId tenant, InstanceId id, String version);
}
