package io.servicetsunami.core.skill;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.GetSkillConfigUseCase;
import io.servicetsunami.ports.in.ListSkillsUseCase;
import io.servicetsunami.ports.in.UpdateSkillConfigUseCase;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.SkillDefinition;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.SkillConfigRepository;
import io.servicetsunami.ports.out.SkillCredentialRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry and each tenant's settings of its skills. Credentials are encrypted for the tenant
 * before they are stored and are never returned: a configuration only says which keys are set.
 */
public final class SkillConfigService
    implements ListSkillsUseCase, GetSkillConfigUseCase, UpdateSkillConfigUseCase {

  private final SkillRegistry registry;
  private final SkillConfigRepository configs;
  private final SkillCredentialRepository credentials;
  private final CredentialCipher cipher;
  private final Clock clock;

  public SkillConfigService(
      SkillRegistry registry,
      SkillConfigRepository configs,
      SkillCredentialRepository credentials,
      CredentialCipher cipher,
      Clock clock) {
    this.registry = requireNonNull(registry, "registry is null");
    this.configs = requireNonNull(configs, "configs is null");
    this.credentials = requireNonNull(credentials, "credentials is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public List<SkillDefinition> list() {
    return registry.all();
  }

  @Override
  public SkillConfig get(TenantId tenant, String skillName) {
    SkillDefinition skill = skill(skillName);
    return configs.find(tenant, skill.name()).orElseGet(() -> defaults(tenant, skill, clock.now()));
  }

  @Override
  public SkillConfig update(UpdateSkillConfigCommand command) {
    SkillDefinition skill = skill(command.skillName());
    for (String key : command.credentials().keySet()) {
      requireDeclared(skill, key);
    }
    for (String key : command.removeCredentials()) {
      requireDeclared(skill, key);
    }
    Instant now = clock.now();
    SkillConfig current =
        configs
            .find(command.tenantId(), skill.name())
            .orElseGet(() -> defaults(command.tenantId(), skill, now));

    Set<String> keys = new TreeSet<>(current.credentialKeys());
    keys.removeAll(command.removeCredentials());
    keys.addAll(command.credentials().keySet());
    Optional<String> model =
        command.llmModel().isPresent()
            ? command.llmModel().filter(name -> !name.isBlank()).map(String::strip)
            : current.llmModel();
    SkillConfig next =
        new SkillConfig(
            command.tenantId(),
            skill.name(),
            command.enabled().orElse(current.enabled()),
            command.requiresApproval().orElse(current.requiresApproval()),
            model,
            keys,
            current.revision(),
            now);

    // Credentials first: a configuration never names a key whose value is not stored.
    for (Map.Entry<String, Secret> credential : command.credentials().entrySet()) {
      credentials.put(
          new SkillCredential(
              command.tenantId(),
              skill.name(),
              credential.getKey(),
              cipher.encrypt(command.tenantId(), credential.getValue()),
              now));
    }
    SkillConfig saved = configs.save(next);
    for (String key : command.removeCredentials()) {
      if (!command.credentials().containsKey(key)) {
        credentials.delete(command.tenantId(), skill.name(), key);
      }
    }
    return saved;
  }

  private SkillDefinition skill(String name) {
    return registry
        .find(name)
        .orElseThrow(
            () ->
                new NotFoundException(ErrorCode.SKILL_NOT_FOUND, "no skill named '" + name + "'"));
  }

  private static void requireDeclared(SkillDefinition skill, String key) {
    if (skill.credentialField(key).isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT, "skill '" + skill.name() + "' has no credential '" + key + "'");
    }
  }

  private static SkillConfig defaults(TenantId tenant, SkillDefinition skill, Instant now) {
    return new SkillConfig(tenant, skill.name(), false, false, Optional.empty(), Set.of(), 0, now);
  }
}
