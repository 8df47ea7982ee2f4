package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A data pipeline of a tenant.
 *
 * @param config type-specific JSON settings (for agent kits, the kit bundle)
 * @param datasetId the dataset a {@code dataset_sync} pipeline lands
 * @param connector the tables a {@code connector_sync} pipeline extracts
 * @param schedule when it runs by itself, if at all
 */
public record DataPipeline(
    PipelineId id,
    TenantId tenantId,
    String name,
    PipelineType type,
    Map<String, Object> config,
    Optional<DatasetId> datasetId,
    Optional<ConnectorSyncConfig> connector,
    Optional<Schedule> schedule,
    Instant createdAt,
    Instant updatedAt) {

  public DataPipeline {
    requireNonNull(id, "id is null");
    requireNonNull(tenantId, "tenantId is null");
    requireText(name, "name");
    requireNonNull(type, "type is null");
    config = Json.copyOf(config);
    requireOptional(datasetId, "datasetId");
    requireOptional(connector, "connector");
    requireOptional(schedule, "schedule");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
    if (type == PipelineType.DATASET_SYNC && datasetId.isEmpty()) {
      throw new IllegalArgumentException("a dataset_sync pipeline needs a dataset");
    }
    if (type == PipelineType.CONNECTOR_SYNC && connector.isEmpty()) {
      throw new IllegalArgumentException("a connector_sync pipeline needs a connector config");
    }
  }
}
