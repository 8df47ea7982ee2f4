package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;

/** Starts a stopped instance: {@code stopped → running}. */
public interface StartInstanceUseCase {

  /**
   * Validates the transition before touching the runtime.
   *
   * @throws NotFoundException {@code instance_not_found}
   * @throws ConflictException {@code invalid_transition} (nothing changed) or {@code
   *     concurrent_modification}
   */
  TenantInstance start(TenantId tenant, InstanceId id);
}
