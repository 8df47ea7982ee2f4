package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;

/** Stops a running instance (its state is kept): {@code running → stopped}. */
public interface StopInstanceUseCase {

  /**
   * Validates the transition before touching the runtime.
   *
   * @throws NotFoundException {@code instance_not_found}
   * @throws ConflictException {@code invalid_transition} (nothing changed) or {@code
   *     concurrent_modification}
   */
  TenantInstance stop(TenantId tenant, InstanceId id);
}
