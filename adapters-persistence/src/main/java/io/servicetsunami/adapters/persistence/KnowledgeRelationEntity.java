package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.EntityId;
import io.servicetsunami.ports.model.KnowledgeRelation;
import io.servicetsunami.ports.model.RelationId;
import io.servicetsunami.ports.model.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "knowledge_relations")
class KnowledgeRelationEntity {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "tenant_id", nullable = false)
  UUID tenantId;

  @Column(name = "from_entity_id", nullable = false)
  UUID fromEntityId;

  @Column(name = "to_entity_id", nullable = false)
  UUID toEntityId;

  @Column(name = "relation_type", nullable = false)
  String relationType;

  @Column(name = "strength", nullable = false)
  double strength;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  protected KnowledgeRelationEntity() {}

  KnowledgeRelation toRecord() {
    return new KnowledgeRelation(
        new RelationId(id),
        new TenantId(tenantId),
        new EntityId(fromEntityId),
        new EntityId(toEntityId),
        relationType,
        strength,
        createdAt);
  }
}
