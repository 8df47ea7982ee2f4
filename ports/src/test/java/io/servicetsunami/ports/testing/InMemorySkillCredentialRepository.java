package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.SkillCredentialRepository;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link SkillCredentialRepository} in memory: ciphertexts by tenant, skill and key. */
public final class InMemorySkillCredentialRepository implements SkillCredentialRepository {

  private record Key(TenantId tenant, String skill, String key) {}

  private final Map<Key, SkillCredential> credentials = new HashMap<>();

  @Override
  public synchronized void put(SkillCredential credential) {
    requireNonNull(credential, "credential is null");
    credentials.put(
        new Key(credential.tenantId(), credential.skillName(), credential.key()), credential);
  }

  @Override
  public synchronized List<SkillCredential> list(TenantId tenant, String skillName) {
    return credentials.values().stream()
        .filter(c -> c.tenantId().equals(tenant) && c.skillName().equals(skillName))
        .sorted(Comparator.comparing(SkillCredential::key))
        .toList();
  }

  @Override
  public synchronized List<SkillCredential> listAll(TenantId tenant) {
    return credentials.values().stream()
        .filter(c -> c.tenantId().equals(tenant))
        .sorted(
            Comparator.comparing(SkillCredential::skillName).thenComparing(SkillCredential::key))
        .toList();
  }

  @Override
  public synchronized boolean delete(TenantId tenant, String skillName, String key) {
    return credentials.remove(new Key(tenant, skillName, key)) != null;
  }
}
