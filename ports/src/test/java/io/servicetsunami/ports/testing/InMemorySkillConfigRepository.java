package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.SkillConfigRepository;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SkillConfigRepository} in memory, one configuration per tenant and skill. */
public final class InMemorySkillConfigRepository implements SkillConfigRepository {

  private record Key(TenantId tenant, String skill) {}

  private final Map<Key, SkillConfig> configs = new HashMap<>();

  @Override
  public synchronized Optional<SkillConfig> find(TenantId tenant, String skillName) {
    return Optional.ofNullable(configs.get(new Key(tenant, skillName)));
  }

  @Override
  public synchronized List<SkillConfig> list(TenantId tenant) {
    return configs.values().stream()
        .filter(c -> c.tenantId().equals(tenant))
        .sorted(Comparator.comparing(SkillConfig::skillName))
        .toList();
  }

  @Override
  public synchronized SkillConfig save(SkillConfig config) {
    requireNonNull(config, "config is null");
    Key key = new Key(config.tenantId(), config.skillName());
    long storedRevision =
        Optional.ofNullable(configs.get(key)).map(SkillConfig::revision).orElse(0L);
    if (storedRevision != config.revision()) {
      throw new ConflictException(
          ErrorCode.CONCURRENT_MODIFICATION,
          "skill config "
              + config.skillName()
              + " is at revision "
              + storedRevision
              + ", not "
              + config.revision());
    }
    SkillConfig stored =
        new SkillConfig(
            config.tenantId(),
            config.skillName(),
            config.enabled(),
            config.requiresApproval(),
            config.llmModel(),
            config.credentialKeys(),
            storedRevision + 1,
            config.updatedAt());
    configs.put(key, stored);
    return stored;
  }
}
