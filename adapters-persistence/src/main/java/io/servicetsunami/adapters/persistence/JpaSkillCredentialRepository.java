package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.SkillCredentialRepository;
import java.util.List;

/**
 * {@link SkillCredentialRepository} on the {@code skill_credentials} table. It stores the cipher's
 * tokens as they come ({@code EncryptedSecret}): it never sees, and so never writes, plaintext.
 */
public final class JpaSkillCredentialRepository implements SkillCredentialRepository {

  private static final String PUT =
      "INSERT INTO skill_credentials"
          + " (tenant_id, skill_name, credential_key, ciphertext, updated_at)"
          + " VALUES (:tenant, :skill, :key, :ciphertext, :updatedAt)"
          + " ON CONFLICT (tenant_id, skill_name, credential_key)"
          + " DO UPDATE SET ciphertext = EXCLUDED.ciphertext, updated_at = EXCLUDED.updated_at";

  private final Transactions transactions;

  JpaSkillCredentialRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public void put(SkillCredential credential) {
    SkillCredentialEntity row =
        SkillCredentialEntity.of(requireNonNull(credential, "credential is null"));
    transactions.call(
        "storing a credential",
        s ->
            s.createNativeMutationQuery(PUT)
                .setParameter("tenant", row.tenantId)
                .setParameter("skill", row.skillName)
                .setParameter("key", row.credentialKey)
                .setParameter("ciphertext", row.ciphertext)
                .setParameter("updatedAt", row.updatedAt)
                .executeUpdate());
  }

  @Override
  public List<SkillCredential> list(TenantId tenant, String skillName) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(skillName, "skillName is null");
    return transactions.call(
        "listing credentials",
        s ->
            s
                .createSelectionQuery(
                    "from SkillCredentialEntity c where c.tenantId = :tenant"
                        + " and c.skillName = :skill order by c.credentialKey",
                    SkillCredentialEntity.class)
                .setParameter("tenant", tenant.value())
                .setParameter("skill", skillName)
                .getResultList()
                .stream()
                .map(SkillCredentialEntity::toRecord)
                .toList());
  }

  @Override
  public List<SkillCredential> listAll(TenantId tenant) {
    requireNonNull(tenant, "tenant is null");
    return transactions.call(
        "listing credentials",
        s ->
            s
                .createSelectionQuery(
                    "from SkillCredentialEntity c where c.tenantId = :tenant"
                        + " order by c.skillName, c.credentialKey",
                    SkillCredentialEntity.class)
                .setParameter("tenant", tenant.value())
                .getResultList()
                .stream()
                .map(SkillCredentialEntity::toRecord)
                .toList());
  }

  @Override
  public boolean delete(TenantId tenant, String skillName, String key) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(skillName, "skillName is null");
    requireNonNull(key, "key is null");
    return transactions.call(
        "deleting a credential",
        s ->
            s.createMutationQuery(
                        "delete SkillCredentialEntity c where c.tenantId = :tenant"
                            + " and c.skillName = :skill and c.credentialKey = :key")
                    .setParameter("tenant", tenant.value())
                    .setParameter("skill", skillName)
                    .setParameter("key", key)
                    .executeUpdate()
                > 0);
  }
}
