package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.out.TenantInstanceRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.StatelessSession;

/**
 * {@link TenantInstanceRepository} on the {@code tenant_instances} table. Unique constraints keep
 * one instance per tenant and one owner per release and namespace, also between concurrent creates;
 * status transitions are guarded by the instance's revision (see {@link ScopedWrites}).
 */
public final class JpaTenantInstanceRepository implements TenantInstanceRepository {

  private final Transactions transactions;

  JpaTenantInstanceRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public TenantInstance create(TenantInstance instance) {
    TenantInstanceEntity row =
        TenantInstanceEntity.of(requireNonNull(instance, "instance is null"), 0);
    return transactions.call(
        "creating an instance",
        s -> {
          // Checked first so that the answer does not depend on which constraint PostgreSQL
          // happens to check first; the constraints still decide a race.
          if (byTenant(s, row.tenantId).isPresent()) {
            throw new ConflictException(
                ErrorCode.INSTANCE_ALREADY_EXISTS, "the tenant already has an instance");
          }
          if (owner(s, row.k8sNamespace, row.helmRelease).isPresent()) {
            throw new ConflictException(
                ErrorCode.RELEASE_NAME_COLLISION,
                "release "
                    + row.helmRelease
                    + " in namespace "
                    + row.k8sNamespace
                    + " belongs to another tenant");
          }
          s.insert(row);
          return row.toRecord();
        });
  }

  @Override
  public Optional<TenantInstance> find(TenantId tenant, InstanceId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return transactions.call(
        "reading an instance",
        s ->
            s.createSelectionQuery(
                    "from TenantInstanceEntity i where i.id = :id and i.tenantId = :tenant",
                    TenantInstanceEntity.class)
                .setParameter("id", id.value())
                .setParameter("tenant", tenant.value())
                .uniqueResultOptional()
                .map(TenantInstanceEntity::toRecord));
  }

  @Override
  public Optional<TenantInstance> findByTenant(TenantId tenant) {
    requireNonNull(tenant, "tenant is null");
    return transactions.call(
        "reading an instance",
        s -> byTenant(s, tenant.value()).map(TenantInstanceEntity::toRecord));
  }

  @Override
  public List<TenantInstance> list(TenantId tenant) {
    return findByTenant(tenant).stream().toList();
  }

  @Override
  public Optional<TenantId> releaseOwner(String namespace, String release) {
    requireNonNull(namespace, "namespace is null");
    requireNonNull(release, "release is null");
    return transactions.call(
        "reading a release's owner", s -> owner(s, namespace, release).map(TenantId::new));
  }

  @Override
  public TenantInstance update(TenantInstance instance) {
    requireNonNull(instance, "instance is null");
    TenantInstanceEntity row = TenantInstanceEntity.of(instance, instance.revision() + 1);
    return transactions.call(
        "updating an instance",
        s -> {
          ScopedWrites.claimRevision(
              s,
              TenantInstanceEntity.class,
              row.tenantId,
              row.id,
              instance.revision(),
              ErrorCode.INSTANCE_NOT_FOUND,
              "instance");
          s.update(row);
          return row.toRecord();
        });
  }

  @Override
  public boolean delete(TenantId tenant, InstanceId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return transactions.call(
        "deleting an instance",
        s ->
            s.createMutationQuery(
                        "delete TenantInstanceEntity i where i.id = :id and i.tenantId = :tenant")
                    .setParameter("id", id.value())
                    .setParameter("tenant", tenant.value())
                    .executeUpdate()
                > 0);
  }

  private static Optional<TenantInstanceEntity> byTenant(StatelessSession s, UUID tenant) {
    return s.createSelectionQuery(
            "from TenantInstanceEntity i where i.tenantId = :tenant", TenantInstanceEntity.class)
        .setParameter("tenant", tenant)
        .uniqueResultOptional();
  }

  private static Optional<UUID> owner(StatelessSession s, String namespace, String release) {
    return s.createSelectionQuery(
            "select i.tenantId from TenantInstanceEntity i"
                + " where i.k8sNamespace = :namespace and i.helmRelease = :release",
            UUID.class)
        .setParameter("namespace", namespace)
        .setParameter("release", release)
        .uniqueResultOptional();
  }
}
