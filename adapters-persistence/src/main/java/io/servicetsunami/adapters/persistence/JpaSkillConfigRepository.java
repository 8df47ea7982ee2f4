package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.SkillConfigRepository;
import java.util.List;
import java.util.Optional;

/**
 * {@link SkillConfigRepository} on the {@code skill_configs} table, keyed by tenant and skill. A
 * save at revision 0 is an insert (a lost race hits the primary key); a later save claims the next
 * revision with a conditional update, as {@link ScopedWrites} does for the id-keyed aggregates.
 */
public final class JpaSkillConfigRepository implements SkillConfigRepository {

  private final Transactions transactions;

  JpaSkillConfigRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public Optional<SkillConfig> find(TenantId tenant, String skillName) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(skillName, "skillName is null");
    return transactions.call(
        "reading a skill configuration",
        s ->
            Optional.ofNullable(
                    s.get(
                        SkillConfigEntity.class,
                        new SkillConfigEntity.Key(tenant.value(), skillName)))
                .map(SkillConfigEntity::toRecord));
  }

  @Override
  public List<SkillConfig> list(TenantId tenant) {
    requireNonNull(tenant, "tenant is null");
    return transactions.call(
        "listing skill configurations",
        s ->
            s
                .createSelectionQuery(
                    "from SkillConfigEntity c where c.tenantId = :tenant order by c.skillName",
                    SkillConfigEntity.class)
                .setParameter("tenant", tenant.value())
                .getResultList()
                .stream()
                .map(SkillConfigEntity::toRecord)
                .toList());
  }

  @Override
  public SkillConfig save(SkillConfig config) {
    requireNonNull(config, "config is null");
    long expected = config.revision();
    SkillConfigEntity row = SkillConfigEntity.of(config, expected + 1);
    String stale = "skill configuration " + config.skillName() + " is not at revision " + expected;
    if (expected == 0) {
      try {
        return transactions.call(
            "creating a skill configuration",
            s -> {
              s.insert(row);
              return row.toRecord();
            });
      } catch (ConflictException e) {
        throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, stale, e);
      }
    }
    return transactions.call(
        "updating a skill configuration",
        s -> {
          int claimed =
              s.createMutationQuery(
                      "update SkillConfigEntity c set c.revision = c.revision + 1"
                          + " where c.tenantId = :tenant and c.skillName = :skill"
                          + " and c.revision = :revision")
                  .setParameter("tenant", row.tenantId)
                  .setParameter("skill", row.skillName)
                  .setParameter("revision", expected)
                  .executeUpdate();
          if (claimed != 1) {
            throw new ConflictException(ErrorCode.CONCURRENT_MODIFICATION, stale);
          }
          s.update(row);
          return row.toRecord();
        });
  }
}
