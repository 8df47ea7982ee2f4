package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;
import static io.servicetsunami.ports.model.Checks.requireUnit;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A directed, typed edge between two entities of the same tenant. */
public record KnowledgeRelation(
    RelationId id,
    TenantId tenantId,
    EntityId fromEntityId,
    EntityId toEntityId,
    String relationType,
    double strength,
    Instant createdAt) {

  public KnowledgeRelation {
    requireNonNull(id, "id is null");
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(fromEntityId, "fromEntityId is null");
    requireNonNull(toEntityId, "toEntityId is null");
    requireText(relationType, "relationType");
    requireUnit(strength, "strength");
    requireNonNull(createdAt, "createdAt is null");
  }
}
