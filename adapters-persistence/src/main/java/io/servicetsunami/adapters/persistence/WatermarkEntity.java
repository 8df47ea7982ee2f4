package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.Watermark;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "connector_watermarks")
@IdClass(WatermarkEntity.Key.class)
class WatermarkEntity {

  record Key(UUID tenantId, UUID pipelineId, String tableName) {}

  @Id
  @Column(name = "tenant_id")
  UUID tenantId;

  @Id
  @Column(name = "pipeline_id")
  UUID pipelineId;

  @Id
  @Column(name = "table_name")
  String tableName;

  @Column(name = "column_name", nullable = false)
  String columnName;

  @Column(name = "watermark_value", nullable = false)
  String watermarkValue;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  protected WatermarkEntity() {}

  static WatermarkEntity of(Watermark watermark) {
    WatermarkEntity e = new WatermarkEntity();
    e.tenantId = watermark.tenantId().value();
    e.pipelineId = watermark.pipelineId().value();
    e.tableName = watermark.table();
    e.columnName = watermark.column();
    e.watermarkValue = watermark.value();
    e.updatedAt = Rows.micros(watermark.updatedAt());
    return e;
  }

  Watermark toRecord() {
    return new Watermark(
        new TenantId(tenantId),
        new PipelineId(pipelineId),
        tableName,
        columnName,
        watermarkValue,
        updatedAt);
  }
}
