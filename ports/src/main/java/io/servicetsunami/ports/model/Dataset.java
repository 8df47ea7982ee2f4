package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireNonNegative;
import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A tabular data set of a tenant, landed in the lakehouse's bronze and silver layers by
 * DatasetSyncWorkflow.
 *
 * @param storageRef where the uploaded file is kept until it is synced
 * @param bronzeTable fully qualified bronze table, once synced
 * @param silverTable fully qualified silver table, once synced
 */
public record Dataset(
    DatasetId id,
    TenantId tenantId,
    String name,
    DatasetFormat format,
    String storageRef,
    long rowCount,
    SyncStatus syncStatus,
    Optional<String> bronzeTable,
    Optional<String> silverTable,
    Optional<String> lastError,
    Optional<Instant> lastSyncedAt,
    Instant createdAt,
    Instant updatedAt) {

  public Dataset {
    requireNonNull(id, "id is null");
    requireNonNull(tenantId, "tenantId is null");
    requireText(name, "name");
    requireNonNull(format, "format is null");
    requireText(storageRef, "storageRef");
    requireNonNegative(rowCount, "rowCount");
    requireNonNull(syncStatus, "syncStatus is null");
    requireOptional(bronzeTable, "bronzeTable");
    requireOptional(silverTable, "silverTable");
    requireOptional(lastError, "lastError");
    requireOptional(lastSyncedAt, "lastSyncedAt");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }
}
