package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A skill of the registry, the same for every tenant.
 *
 * @param name the skill's identifier, as used in {@code /<skill>} and in configuration
 * @param category a grouping for the UI, e.g. {@code communication}
 */
public record SkillDefinition(
    String name,
    String displayName,
    String description,
    String category,
    String icon,
    SkillKind kind,
    List<CredentialField> credentialFields) {

  public SkillDefinition {
    requireText(name, "name");
    requireText(displayName, "displayName");
    requireNonNull(description, "description is null");
    requireText(category, "category");
    requireNonNull(icon, "icon is null");
    requireNonNull(kind, "kind is null");
    credentialFields = List.copyOf(requireNonNull(credentialFields, "credentialFields is null"));
  }

  public Optional<CredentialField> credentialField(String key) {
    return credentialFields.stream().filter(f -> f.key().equals(key)).findFirst();
  }
}
