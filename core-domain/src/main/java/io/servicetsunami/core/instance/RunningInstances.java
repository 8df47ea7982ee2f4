package io.servicetsunami.core.instance;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.out.TenantInstanceRepository;

/** Finds the instance a tenant's skills run on. */
public final class RunningInstances {

  private RunningInstances() {}

  /**
   * The tenant's instance, which must be running.
   *
   * @throws NotFoundException {@code instance_not_found} if the tenant has none
   * @throws ConflictException {@code instance_not_running} if it is in any other state
   */
  public static TenantInstance require(TenantInstanceRepository instances, TenantId tenant) {
    TenantInstance instance =
        instances
            .findByTenant(tenant)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.INSTANCE_NOT_FOUND, "the tenant has no OpenClaw instance"));
    if (instance.status() != InstanceStatus.RUNNING) {
      throw new ConflictException(
          ErrorCode.INSTANCE_NOT_RUNNING,
          "the tenant's OpenClaw instance is " + instance.status().wire() + ", not running");
    }
    return instance;
  }
}
