package io.servicetsunami.ports.out;

import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;

/**
 * Stores encrypted skill credentials, one per tenant, skill and key. Only ciphertext is ever handed
 * to this port.
 */
public interface SkillCredentialRepository {

  /** Stores the credential, replacing the one with the same tenant, skill and key. Idempotent. */
  void put(SkillCredential credential);

  /** The tenant's credentials of one skill, by key. */
  List<SkillCredential> list(TenantId tenant, String skillName);

  /** All credentials of the tenant (for key rotation), by skill and key. */
  List<SkillCredential> listAll(TenantId tenant);

  /** Removes one credential; false if it was not stored. Idempotent. */
  boolean delete(TenantId tenant, String skillName, String key);
}
