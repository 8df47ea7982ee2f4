package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.TenantId;

/** Removes an instance: its release, then its volumes, then its record. */
public interface DestroyInstanceUseCase {

  /**
   * Marks the instance {@code destroying}, removes it from the runtime and deletes the record. If
   * the runtime fails, the instance is left in {@code error} and destroy can be called again.
   *
   * @throws NotFoundException {@code instance_not_found}
   * @throws ConflictException {@code invalid_transition} if it is already being destroyed
   */
  void destroy(TenantId tenant, InstanceId id);
}
