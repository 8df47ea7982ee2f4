package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static io.servicetsunami.ports.model.Checks.requireUnit;
import static java.util.Objects.requireNonNull;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A node of a tenant's knowledge graph: a person, organisation, product, concept… Entities are
 * deduplicated by {@link #normalizedName()} and {@code entityType}.
 *
 * @param source where the entity was found, e.g. {@code task:<id>} or {@code chatgpt:<session>}
 */
public record KnowledgeEntity(
    EntityId id,
    TenantId tenantId,
    String name,
    String entityType,
    Map<String, Object> attributes,
    double confidence,
    Optional<String> source,
    Instant createdAt,
    Instant updatedAt) {

  public KnowledgeEntity {
    requireNonNull(id, "id is null");
    requireNonNull(tenantId, "tenantId is null");
    requireText(name, "name");
    requireText(entityType, "entityType");
    attributes = Json.copyOf(attributes);
    requireUnit(confidence, "confidence");
    requireOptional(source, "source");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }

  /** The deduplication key of {@code name}: NFKC, lower case, inner whitespace collapsed. */
  public static String normalize(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFKC)
        .strip()
        .replaceAll("\\s+", " ")
        .toLowerCase(Locale.ROOT);
  }

  public String normalizedName() {
    return normalize(name);
  }
}
