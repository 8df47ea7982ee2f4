package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;

/** One instance of the tenant. */
public interface GetInstanceUseCase {

  /**
   * @throws NotFoundException {@code instance_not_found}
   */
  TenantInstance get(TenantId tenant, InstanceId id);
}
