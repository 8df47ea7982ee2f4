package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import java.util.List;
import java.util.Optional;

/** Stores tenant instances, scoped by tenant. A tenant has at most one instance. */
public interface TenantInstanceRepository {

  /**
   * Stores a new instance at revision 0.
   *
   * @throws ConflictException {@code instance_already_exists} if the tenant already has an
   *     instance; {@code release_name_collision} if another tenant's instance uses the same release
   *     in the same namespace
   */
  TenantInstance create(TenantInstance instance);

  /** The instance, or empty if {@code tenant} has none with this id. */
  Optional<TenantInstance> find(TenantId tenant, InstanceId id);

  /** The tenant's instance, if it has one. */
  Optional<TenantInstance> findByTenant(TenantId tenant);

  /** The tenant's instances (zero or one), oldest first. */
  List<TenantInstance> list(TenantId tenant);

  /**
   * The tenant owning the release {@code release} in {@code namespace}, if any. Not tenant-scoped
   * by nature: it exists to refuse a release-name collision between tenants, and reveals only the
   * owner's id.
   */
  Optional<TenantId> releaseOwner(String namespace, String release);

  /**
   * Replaces the stored instance if its stored revision equals {@code instance.revision()}; returns
   * the stored value with the revision incremented. Of two concurrent transitions from the same
   * revision exactly one applies.
   *
   * @throws NotFoundException {@code instance_not_found} if the tenant has no such instance
   * @throws ConflictException {@code concurrent_modification} if the revision is stale
   */
  TenantInstance update(TenantInstance instance);

  /** Deletes the instance record; false if the tenant had no such instance. Idempotent. */
  boolean delete(TenantId tenant, InstanceId id);
}
