package io.servicetsunami.ports.in;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.ConnectorSyncConfig;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.Json;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.TenantId;
import java.util.Map;
import java.util.Optional;

/** Creates a data pipeline and, if it has one, its schedule. */
public interface CreatePipelineUseCase {

  record CreatePipelineCommand(
      TenantId tenantId,
      String name,
      PipelineType type,
      Map<String, Object> config,
      Optional<DatasetId> datasetId,
      Optional<ConnectorSyncConfig> connector,
      Optional<Schedule> schedule) {
    public CreatePipelineCommand {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
      config = Json.copyOf(config);
      requireNonNull(datasetId, "datasetId is null");
      requireNonNull(connector, "connector is null");
      requireNonNull(schedule, "schedule is null");
    }
  }

  /**
   * @throws InvalidInputException {@code invalid_input} when the settings do not fit the type
   * @throws NotFoundException {@code dataset_not_found} for a dataset the tenant does not have
   */
  DataPipeline create(CreatePipelineCommand command);
}
