package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.EntityId;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.KnowledgeRelation;
import io.servicetsunami.ports.model.RelationId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.KnowledgeGraphRepository;
import io.servicetsunami.ports.out.Page;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link KnowledgeGraphRepository} in memory: entities deduplicated by tenant, normalised name and
 * type; relations by tenant, ends and type.
 */
public final class InMemoryKnowledgeGraphRepository implements KnowledgeGraphRepository {

  private record EntityKey(TenantId tenant, String normalizedName, String type) {}

  private record RelationKey(TenantId tenant, EntityId from, EntityId to, String type) {}

  private final Map<EntityId, KnowledgeEntity> entities = new LinkedHashMap<>();
  private final Map<EntityKey, EntityId> entityIndex = new LinkedHashMap<>();
  private final Map<RelationId, KnowledgeRelation> relations = new LinkedHashMap<>();
  private final Map<RelationKey, RelationId> relationIndex = new LinkedHashMap<>();

  @Override
  public synchronized KnowledgeEntity upsertEntity(KnowledgeEntity entity) {
    requireNonNull(entity, "entity is null");
    EntityKey key = new EntityKey(entity.tenantId(), entity.normalizedName(), entity.entityType());
    EntityId existingId = entityIndex.get(key);
    if (existingId == null) {
      if (entities.containsKey(entity.id())) {
        throw new ConflictException(
            ErrorCode.ALREADY_EXISTS, "entity " + entity.id() + " exists under another name");
      }
      entities.put(entity.id(), entity);
      entityIndex.put(key, entity.id());
      return entity;
    }
    KnowledgeEntity existing = entities.get(existingId);
    Map<String, Object> attributes = new LinkedHashMap<>(existing.attributes());
    attributes.putAll(entity.attributes());
    KnowledgeEntity merged =
        new KnowledgeEntity(
            existing.id(),
            existing.tenantId(),
            existing.name(),
            existing.entityType(),
            attributes,
            Math.max(existing.confidence(), entity.confidence()),
            existing.source().or(entity::source),
            existing.createdAt(),
            max(existing.updatedAt(), entity.updatedAt()));
    entities.put(existingId, merged);
    return merged;
  }

  @Override
  public synchronized Optional<KnowledgeEntity> findEntity(TenantId tenant, EntityId id) {
    return Optional.ofNullable(entities.get(id)).filter(e -> e.tenantId().equals(tenant));
  }

  @Override
  public synchronized List<KnowledgeEntity> listEntities(
      TenantId tenant, Optional<String> entityType, Page page) {
    requireNonNull(entityType, "entityType is null");
    requireNonNull(page, "page is null");
    return Paging.window(
        entities.values().stream()
            .filter(e -> e.tenantId().equals(tenant))
            .filter(e -> entityType.map(t -> e.entityType().equals(t)).orElse(true))
            .sorted(
                Comparator.comparing(KnowledgeEntity::normalizedName)
                    .thenComparing(KnowledgeEntity::entityType))
            .toList(),
        page);
  }

  @Override
  public synchronized KnowledgeRelation upsertRelation(KnowledgeRelation relation) {
    requireNonNull(relation, "relation is null");
    TenantId tenant = relation.tenantId();
    if (findEntity(tenant, relation.fromEntityId()).isEmpty()
        || findEntity(tenant, relation.toEntityId()).isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT, "both ends of a relation must be entities of its tenant");
    }
    RelationKey key =
        new RelationKey(
            tenant, relation.fromEntityId(), relation.toEntityId(), relation.relationType());
    RelationId existingId = relationIndex.get(key);
    if (existingId == null) {
      if (relations.containsKey(relation.id())) {
        throw new ConflictException(
            ErrorCode.ALREADY_EXISTS, "relation " + relation.id() + " exists with other ends");
      }
      relations.put(relation.id(), relation);
      relationIndex.put(key, relation.id());
      return relation;
    }
    KnowledgeRelation existing = relations.get(existingId);
    if (relation.strength() <= existing.strength()) {
      return existing;
    }
    KnowledgeRelation stronger =
        new KnowledgeRelation(
            existing.id(),
            existing.tenantId(),
            existing.fromEntityId(),
            existing.toEntityId(),
            existing.relationType(),
            relation.strength(),
            existing.createdAt());
    relations.put(existingId, stronger);
    return stronger;
  }

  @Override
  public synchronized List<KnowledgeRelation> relationsOf(TenantId tenant, EntityId entity) {
    return relations.values().stream()
        .filter(r -> r.tenantId().equals(tenant))
        .filter(r -> r.fromEntityId().equals(entity) || r.toEntityId().equals(entity))
        .toList();
  }

  /** Every stored entity of every tenant, in creation order. */
  public synchronized List<KnowledgeEntity> allEntities() {
    return List.copyOf(entities.values());
  }

  /** Every stored relation of every tenant, in creation order. */
  public synchronized List<KnowledgeRelation> allRelations() {
    return List.copyOf(relations.values());
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
