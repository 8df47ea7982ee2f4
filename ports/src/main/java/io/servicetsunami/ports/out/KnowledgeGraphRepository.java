package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.EntityId;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.KnowledgeRelation;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;
import java.util.Optional;

/** Stores a tenant's knowledge graph. */
public interface KnowledgeGraphRepository {

  /**
   * Stores the entity, or merges it into the tenant's entity with the same normalised name and the
   * same type (compared exactly): attributes are merged (new values win), confidence becomes the
   * higher of the two, the existing id, name and source are kept. Returns the stored entity.
   * Idempotent.
   */
  KnowledgeEntity upsertEntity(KnowledgeEntity entity);

  /** The entity, or empty if {@code tenant} has none with this id. */
  Optional<KnowledgeEntity> findEntity(TenantId tenant, EntityId id);

  /** The tenant's entities, optionally of one type, by normalised name. */
  List<KnowledgeEntity> listEntities(TenantId tenant, Optional<String> entityType, Page page);

  /**
   * Stores the relation unless the same (from, to, type) exists, in which case the stronger
   * strength is kept. Returns the stored relation. Idempotent.
   *
   * @throws InvalidInputException {@code invalid_input} if either end is not an entity of the
   *     relation's tenant
   */
  KnowledgeRelation upsertRelation(KnowledgeRelation relation);

  /** Relations starting or ending at the entity. */
  List<KnowledgeRelation> relationsOf(TenantId tenant, EntityId entity);
}
