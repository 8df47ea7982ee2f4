package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import java.util.UUID;
import org.hibernate.LockMode;
import org.hibernate.StatelessSession;
import org.hibernate.query.SelectionQuery;

/**
 * Tenant-scoped guards for writes: they never touch another tenant's row, and they tell a missing
 * row from a lost race.
 *
 * <p>Optimistic revisions by conditional update: {@link #claimRevision} moves the stored revision
 * from the caller's to the next one with {@code UPDATE … SET revision = revision + 1 WHERE id = ?
 * AND tenant_id = ? AND revision = ?}; the caller then writes the row in the same transaction. Of
 * concurrent claims from one revision PostgreSQL lets exactly one match: the others wait for its
 * row lock, re-check the condition against the committed row and match nothing.
 */
final class ScopedWrites {

  private ScopedWrites() {}

  /**
   * Claims {@code expected + 1} for the row of {@code entity} with {@code id} and {@code tenant}.
   *
   * @throws NotFoundException {@code notFound} if the tenant has no such row
   * @throws ConflictException {@code concurrent_modification} if its revision is not {@code
   *     expected}
   */
  static void claimRevision(
      StatelessSession session,
      Class<?> entity,
      UUID tenant,
      UUID id,
      long expected,
      ErrorCode notFound,
      String noun) {
    String name = entity.getSimpleName();
    int claimed =
        session
            .createMutationQuery(
                "update "
                    + name
                    + " e set e.revision = e.revision + 1"
                    + " where e.id = :id and e.tenantId = :tenant and e.revision = :revision")
            .setParameter("id", id)
            .setParameter("tenant", tenant)
            .setParameter("revision", expected)
            .executeUpdate();
    if (claimed == 1) {
      return;
    }
    if (!exists(session, entity, tenant, id)) {
      throw new NotFoundException(notFound, noun + " not found");
    }
    throw new ConflictException(
        ErrorCode.CONCURRENT_MODIFICATION,
        noun + " was changed concurrently: revision " + expected + " is stale");
  }

  /** Whether {@code tenant} has the row of {@code entity} with {@code id}. */
  static boolean exists(StatelessSession session, Class<?> entity, UUID tenant, UUID id) {
    return select(session, entity, tenant, id).uniqueResultOptional().isPresent();
  }

  /**
   * Locks the row of {@code entity} with {@code id} if {@code tenant} has it ({@code SELECT … FOR
   * UPDATE}), so that a last-write-wins replace in the same transaction cannot lose it to a
   * concurrent delete; false if the tenant has no such row.
   */
  static boolean lock(StatelessSession session, Class<?> entity, UUID tenant, UUID id) {
    return select(session, entity, tenant, id)
        .setHibernateLockMode(LockMode.PESSIMISTIC_WRITE)
        .uniqueResultOptional()
        .isPresent();
  }

  private static SelectionQuery<UUID> select(
      StatelessSession session, Class<?> entity, UUID tenant, UUID id) {
    return session
        .createSelectionQuery(
            "select e.id from "
                + entity.getSimpleName()
                + " e where e.id = :id and e.tenantId = :tenant",
            UUID.class)
        .setParameter("id", id)
        .setParameter("tenant", tenant);
  }
}
