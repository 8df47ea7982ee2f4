package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.EntityId;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.KnowledgeRelation;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.KnowledgeGraphRepository;
import io.servicetsunami.ports.out.Page;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link KnowledgeGraphRepository} on {@code knowledge_entities} and {@code knowledge_relations}.
 * Both upserts are single {@code INSERT … ON CONFLICT … DO UPDATE} statements on the deduplication
 * keys, so concurrent sightings of one entity or edge merge instead of failing.
 */
public final class JpaKnowledgeGraphRepository implements KnowledgeGraphRepository {

  // Attributes merge shallowly with the new values winning (jsonb ||), the higher confidence
  // stays, the first known source stays, and the name as first seen is kept.
  private static final String UPSERT_ENTITY =
      "INSERT INTO knowledge_entities"
          + " (id, tenant_id, name, normalized_name, entity_type, attributes, confidence, source,"
          + " created_at, updated_at)"
          + " VALUES (:id, :tenant, :name, :normalizedName, :type, CAST(:attributes AS jsonb),"
          + " :confidence, :source, :createdAt, :updatedAt)"
          + " ON CONFLICT (tenant_id, normalized_name, entity_type) DO UPDATE SET"
          + " attributes = knowledge_entities.attributes || EXCLUDED.attributes,"
          + " confidence = GREATEST(knowledge_entities.confidence, EXCLUDED.confidence),"
          + " source = COALESCE(knowledge_entities.source, EXCLUDED.source),"
          + " updated_at = GREATEST(knowledge_entities.updated_at, EXCLUDED.updated_at)";

  private static final String UPSERT_RELATION =
      "INSERT INTO knowledge_relations"
          + " (id, tenant_id, from_entity_id, to_entity_id, relation_type, strength, created_at)"
          + " VALUES (:id, :tenant, :from, :to, :type, :strength, :createdAt)"
          + " ON CONFLICT (tenant_id, from_entity_id, to_entity_id, relation_type) DO UPDATE SET"
          + " strength = GREATEST(knowledge_relations.strength, EXCLUDED.strength)";

  private final Transactions transactions;

  JpaKnowledgeGraphRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public KnowledgeEntity upsertEntity(KnowledgeEntity entity) {
    requireNonNull(entity, "entity is null");
    String normalizedName = entity.normalizedName();
    String attributes = JsonColumns.write(entity.attributes());
    return transactions.call(
        "storing a knowledge entity",
        s -> {
          s.createNativeMutationQuery(UPSERT_ENTITY)
              .setParameter("id", entity.id().value())
              .setParameter("tenant", entity.tenantId().value())
              .setParameter("name", entity.name())
              .setParameter("normalizedName", normalizedName)
              .setParameter("type", entity.entityType())
              .setParameter("attributes", attributes)
              .setParameter("confidence", entity.confidence())
              .setParameter("source", entity.source().orElse(null), String.class)
              .setParameter("createdAt", Rows.micros(entity.createdAt()))
              .setParameter("updatedAt", Rows.micros(entity.updatedAt()))
              .executeUpdate();
          return s.createSelectionQuery(
                  "from KnowledgeEntityEntity e where e.tenantId = :tenant"
                      + " and e.normalizedName = :normalizedName and e.entityType = :type",
                  KnowledgeEntityEntity.class)
              .setParameter("tenant", entity.tenantId().value())
              .setParameter("normalizedName", normalizedName)
              .setParameter("type", entity.entityType())
              .getSingleResult()
              .toRecord();
        });
  }

  @Override
  public Optional<KnowledgeEntity> findEntity(TenantId tenant, EntityId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return transactions.call(
        "reading a knowledge entity",
        s ->
            s.createSelectionQuery(
                    "from KnowledgeEntityEntity e where e.id = :id and e.tenantId = :tenant",
                    KnowledgeEntityEntity.class)
                .setParameter("id", id.value())
                .setParameter("tenant", tenant.value())
                .uniqueResultOptional()
                .map(KnowledgeEntityEntity::toRecord));
  }

  @Override
  public List<KnowledgeEntity> listEntities(
      TenantId tenant, Optional<String> entityType, Page page) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(entityType, "entityType is null");
    requireNonNull(page, "page is null");
    String filter = entityType.isPresent() ? " and e.entityType = :type" : "";
    return transactions.call(
        "listing knowledge entities",
        s -> {
          var query =
              s.createSelectionQuery(
                      "from KnowledgeEntityEntity e where e.tenantId = :tenant"
                          + filter
                          + " order by e.normalizedName, e.entityType, e.id",
                      KnowledgeEntityEntity.class)
                  .setParameter("tenant", tenant.value())
                  .setFirstResult(page.offset())
                  .setMaxResults(page.limit());
          entityType.ifPresent(type -> query.setParameter("type", type));
          return query.getResultList().stream().map(KnowledgeEntityEntity::toRecord).toList();
        });
  }

  @Override
  public KnowledgeRelation upsertRelation(KnowledgeRelation relation) {
    requireNonNull(relation, "relation is null");
    UUID tenant = relation.tenantId().value();
    UUID from = relation.fromEntityId().value();
    UUID to = relation.toEntityId().value();
    return transactions.call(
        "storing a knowledge relation",
        s -> {
          Set<UUID> ends = from.equals(to) ? Set.of(from) : Set.of(from, to);
          long found =
              s.createSelectionQuery(
                      "select count(*) from KnowledgeEntityEntity e"
                          + " where e.tenantId = :tenant and e.id in :ends",
                      Long.class)
                  .setParameter("tenant", tenant)
                  .setParameterList("ends", ends)
                  .getSingleResult();
          if (found != ends.size()) {
            throw new InvalidInputException(
                ErrorCode.INVALID_INPUT, "both ends of a relation must be entities of its tenant");
          }
          s.createNativeMutationQuery(UPSERT_RELATION)
              .setParameter("id", relation.id().value())
              .setParameter("tenant", tenant)
              .setParameter("from", from)
              .setParameter("to", to)
              .setParameter("type", relation.relationType())
              .setParameter("strength", relation.strength())
              .setParameter("createdAt", Rows.micros(relation.createdAt()))
              .executeUpdate();
          return s.createSelectionQuery(
                  "from KnowledgeRelationEntity r where r.tenantId = :tenant"
                      + " and r.fromEntityId = :from and r.toEntityId = :to and r.relationType = :type",
                  KnowledgeRelationEntity.class)
              .setParameter("tenant", tenant)
              .setParameter("from", from)
              .setParameter("to", to)
              .setParameter("type", relation.relationType())
              .getSingleResult()
              .toRecord();
        });
  }

  @Override
  public List<KnowledgeRelation> relationsOf(TenantId tenant, EntityId entity) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(entity, "entity is null");
    return transactions.call(
        "listing knowledge relations",
        s ->
            s
                .createSelectionQuery(
                    "from KnowledgeRelationEntity r where r.tenantId = :tenant"
                        + " and (r.fromEntityId = :entity or r.toEntityId = :entity)"
                        + " order by r.createdAt, r.id",
                    KnowledgeRelationEntity.class)
                .setParameter("tenant", tenant.value())
                .setParameter("entity", entity.value())
                .getResultList()
                .stream()
                .map(KnowledgeRelationEntity::toRecord)
                .toList());
  }
}
