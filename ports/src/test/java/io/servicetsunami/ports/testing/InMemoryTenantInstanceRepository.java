package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.out.TenantInstanceRepository;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TenantInstanceRepository} in memory: one instance per tenant, release names unique per
 * namespace across tenants, optimistic revisions.
 */
public final class InMemoryTenantInstanceRepository implements TenantInstanceRepository {

  private final Map<InstanceId, TenantInstance> instances = new LinkedHashMap<>();

  @Override
  public synchronized TenantInstance create(TenantInstance instance) {
    requireNonNull(instance, "instance is null");
    if (findByTenant(instance.tenantId()).isPresent()) {
      throw new ConflictException(
          ErrorCode.INSTANCE_ALREADY_EXISTS, "tenant " + instance.tenantId() + " has an instance");
    }
    Optional<TenantId> owner = releaseOwner(instance.k8sNamespace(), instance.helmRelease());
    if (owner.isPresent()) {
      throw new ConflictException(
          ErrorCode.RELEASE_NAME_COLLISION,
          "release "
              + instance.helmRelease()
              + " in namespace "
              + instance.k8sNamespace()
              + " belongs to another tenant");
    }
    if (instances.containsKey(instance.id())) {
      throw new ConflictException(
          ErrorCode.ALREADY_EXISTS, "instance " + instance.id() + " exists");
    }
    TenantInstance stored = atRevision(instance, 0);
    instances.put(instance.id(), stored);
    return stored;
  }

  @Override
  public synchronized Optional<TenantInstance> find(TenantId tenant, InstanceId id) {
    return Optional.ofNullable(instances.get(id)).filter(i -> i.tenantId().equals(tenant));
  }

  @Override
  public synchronized Optional<TenantInstance> findByTenant(TenantId tenant) {
    return instances.values().stream().filter(i -> i.tenantId().equals(tenant)).findFirst();
  }

  @Override
  public synchronized List<TenantInstance> list(TenantId tenant) {
    return instances.values().stream()
        .filter(i -> i.tenantId().equals(tenant))
        .sorted(Comparator.comparing(TenantInstance::createdAt))
        .toList();
  }

  @Override
  public synchronized Optional<TenantId> releaseOwner(String namespace, String release) {
    return instances.values().stream()
        .filter(i -> i.k8sNamespace().equals(namespace) && i.helmRelease().equals(release))
        .map(TenantInstance::tenantId)
        .findFirst();
  }

  @Override
  public synchronized TenantInstance update(TenantInstance instance) {
    requireNonNull(instance, "instance is null");
    TenantInstance current =
        find(instance.tenantId(), instance.id())
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.INSTANCE_NOT_FOUND, "instance " + instance.id()));
    if (current.revision() != instance.revision()) {
      throw new ConflictException(
          ErrorCode.CONCURRENT_MODIFICATION,
          "instance " + instance.id() + " is at revision " + current.revision());
    }
    TenantInstance stored = atRevision(instance, current.revision() + 1);
    instances.put(instance.id(), stored);
    return stored;
  }

  @Override
  public synchronized boolean delete(TenantId tenant, InstanceId id) {
    if (find(tenant, id).isEmpty()) {
      return false;
    }
    instances.remove(id);
    return true;
  }

  /** Every stored instance of every tenant, in creation order. */
  public synchronized List<TenantInstance> all() {
    return List.copyOf(instances.values());
  }

  private static TenantInstance atRevision(TenantInstance i, long revision) {
    return new TenantInstance(
        i.id(),
        i.tenantId(),
        i.version(),
        i.status(),
        i.helmRelease(),
        i.k8sNamespace(),
        i.resources(),
        i.internalUrl(),
        i.gatewayToken(),
        i.deviceToken(),
        i.errorMessage(),
        revision,
        i.createdAt(),
        i.updatedAt());
  }
}
