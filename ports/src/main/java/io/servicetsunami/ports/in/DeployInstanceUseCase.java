package io.servicetsunami.ports.in;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.TenantId;
import java.util.Optional;

/** Deploys the tenant's OpenClaw instance. */
public interface DeployInstanceUseCase {

  /**
   * @param version the OpenClaw version to run; the configured default when empty
   * @param resources the configured defaults when empty
   */
  record DeployInstanceCommand(
      TenantId tenantId, Optional<String> version, Optional<ResourceSpec> resources) {
    public DeployInstanceCommand {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(version, "version is null");
      requireNonNull(resources, "resources is null");
    }
  }

  /**
   * Records the instance as {@code provisioning} and starts OpenClawProvisionWorkflow.
   *
   * @throws ConflictException {@code instance_already_exists} if the tenant has one; {@code
   *     release_name_collision} if its release name is another tenant's
   * @throws InvalidInputException {@code invalid_input} for a malformed version
   */
  InstanceOperation deploy(DeployInstanceCommand command);
}
