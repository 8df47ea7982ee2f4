package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.EntityId;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code knowledge_entities}: a node of a tenant's knowledge graph. */
@Entity
@Table(name = "knowledge_entities")
class KnowledgeEntityEntity {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "tenant_id", nullable = false)
  UUID tenantId;

  @Column(name = "name", nullable = false)
  String name;

  @Column(name = "normalized_name", nullable = false)
  String normalizedName;

  @Column(name = "entity_type", nullable = false)
  String entityType;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "attributes", nullable = false)
  Map<String, Object> attributes;

  @Column(name = "confidence", nullable = false)
  double confidence;

  @Column(name = "source")
  String source;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  protected KnowledgeEntityEntity() {}

  KnowledgeEntity toRecord() {
    return new KnowledgeEntity(
        new EntityId(id),
        new TenantId(tenantId),
        name,
        entityType,
        attributes,
        confidence,
        Optional.ofNullable(source),
        createdAt,
        updatedAt);
  }
}
