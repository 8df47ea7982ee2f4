package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.ConnectorSyncConfig;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.model.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A data pipeline with its connector settings (JSON) and its schedule (columns). */
@Entity
@Table(name = "data_pipelines")
class DataPipelineEntity {

  private static final String CRON = "cron";
  private static final String INTERVAL = "interval";

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "tenant_id", nullable = false)
  UUID tenantId;

  @Column(name = "name", nullable = false)
  String name;

  @Column(name = "pipeline_type", nullable = false)
  String pipelineType;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "config", nullable = false)
  Map<String, Object> config;

  @Column(name = "dataset_id")
  UUID datasetId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "connector")
  Map<String, Object> connector;

  @Column(name = "schedule_kind")
  String scheduleKind;

  @Column(name = "schedule_cron")
  String scheduleCron;

  @Column(name = "schedule_interval_ms")
  Long scheduleIntervalMs;

  @Column(name = "schedule_paused")
  Boolean schedulePaused;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  protected DataPipelineEntity() {}

  static DataPipelineEntity of(DataPipeline pipeline) {
    DataPipelineEntity e = new DataPipelineEntity();
    e.id = pipeline.id().value();
    e.tenantId = pipeline.tenantId().value();
    e.name = pipeline.name();
    e.pipelineType = pipeline.type().wire();
    e.config = pipeline.config();
    e.datasetId = pipeline.datasetId().map(DatasetId::value).orElse(null);
    e.connector = pipeline.connector().map(DataPipelineEntity::connectorJson).orElse(null);
    pipeline
        .schedule()
        .ifPresent(
            schedule -> {
              e.schedulePaused = schedule.paused();
              if (schedule instanceof Schedule.Cron cron) {
                e.scheduleKind = CRON;
                e.scheduleCron = cron.expression();
              } else if (schedule instanceof Schedule.Interval interval) {
                e.scheduleKind = INTERVAL;
                e.scheduleIntervalMs = interval.every().toMillis();
              }
            });
    e.createdAt = Rows.micros(pipeline.createdAt());
    e.updatedAt = Rows.micros(pipeline.updatedAt());
    return e;
  }

  DataPipeline toRecord() {
    return new DataPipeline(
        new PipelineId(id),
        new TenantId(tenantId),
        name,
        PipelineType.fromWire(pipelineType),
        config,
        Optional.ofNullable(datasetId).map(DatasetId::new),
        Optional.ofNullable(connector).map(DataPipelineEntity::connectorOf),
        schedule(),
        createdAt,
        updatedAt);
  }

  private Optional<Schedule> schedule() {
    if (scheduleKind == null) {
      return Optional.empty();
    }
    boolean paused = Boolean.TRUE.equals(schedulePaused);
    return switch (scheduleKind) {
      case CRON -> Optional.of(new Schedule.Cron(scheduleCron, paused));
      case INTERVAL ->
          Optional.of(new Schedule.Interval(Duration.ofMillis(scheduleIntervalMs), paused));
      default -> throw new IllegalStateException("unknown schedule kind " + scheduleKind);
    };
  }

  private static Map<String, Object> connectorJson(ConnectorSyncConfig connector) {
    List<Object> tables = new ArrayList<>();
    for (TableSync table : connector.tables()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("table", table.table());
      json.put("mode", table.mode().wire());
      json.put("primary_key", table.primaryKey());
      json.put("watermark_column", table.watermarkColumn().orElse(null));
      json.put("overlap_ms", table.overlap().toMillis());
      json.put("deleted_flag_column", table.deletedFlagColumn().orElse(null));
      tables.add(json);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("connector_type", connector.connectorType().wire());
    json.put("connection_skill", connector.connectionSkill());
    json.put("tables", tables);
    return json;
  }

  private static ConnectorSyncConfig connectorOf(Map<String, Object> json) {
    List<TableSync> tables = new ArrayList<>();
    for (Object item : (List<?>) json.get("tables")) {
      Map<?, ?> table = (Map<?, ?>) item;
      List<String> primaryKey = new ArrayList<>();
      for (Object column : (List<?>) table.get("primary_key")) {
        primaryKey.add((String) column);
      }
      tables.add(
          new TableSync(
              (String) table.get("table"),
              SyncMode.fromWire((String) table.get("mode")),
              primaryKey,
              Optional.ofNullable((String) table.get("watermark_column")),
              Duration.ofMillis(((Number) table.get("overlap_ms")).longValue()),
              // absent in configs stored before sources could report deletes
              Optional.ofNullable((String) table.get("deleted_flag_column"))));
    }
    return new ConnectorSyncConfig(
        ConnectorType.fromWire((String) json.get("connector_type")),
        (String) json.get("connection_skill"),
        tables);
  }
}
