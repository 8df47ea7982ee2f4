package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.DatasetFormat;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.SyncStatus;
import io.servicetsunami.ports.model.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Entity
@Table(name = "datasets")
class DatasetEntity {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "tenant_id", nullable = false)
  UUID tenantId;

  @Column(name = "name", nullable = false)
  String name;

  @Column(name = "format", nullable = false)
  String format;

  @Column(name = "storage_ref", nullable = false)
  String storageRef;

  @Column(name = "row_count", nullable = false)
  long rowCount;

  @Column(name = "sync_status", nullable = false)
  String syncStatus;

  @Column(name = "bronze_table")
  String bronzeTable;

  @Column(name = "silver_table")
  String silverTable;

  @Column(name = "last_error")
  String lastError;

  @Column(name = "last_synced_at")
  Instant lastSyncedAt;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  protected DatasetEntity() {}

  static DatasetEntity of(Dataset dataset) {
    DatasetEntity e = new DatasetEntity();
    e.id = dataset.id().value();
    e.tenantId = dataset.tenantId().value();
    e.name = dataset.name();
    e.format = dataset.format().wire();
    e.storageRef = dataset.storageRef();
    e.rowCount = dataset.rowCount();
    e.syncStatus = dataset.syncStatus().wire();
    e.bronzeTable = dataset.bronzeTable().orElse(null);
    e.silverTable = dataset.silverTable().orElse(null);
    e.lastError = dataset.lastError().orElse(null);
    e.lastSyncedAt = Rows.micros(dataset.lastSyncedAt());
    e.createdAt = Rows.micros(dataset.createdAt());
    e.updatedAt = Rows.micros(dataset.updatedAt());
    return e;
  }

  Dataset toRecord() {
    return new Dataset(
        new DatasetId(id),
        new TenantId(tenantId),
        name,
        DatasetFormat.fromWire(format),
        storageRef,
        rowCount,
        SyncStatus.fromWire(syncStatus),
        Optional.ofNullable(bronzeTable),
        Optional.ofNullable(silverTable),
        Optional.ofNullable(lastError),
        Optional.ofNullable(lastSyncedAt),
        createdAt,
        updatedAt);
  }
}
