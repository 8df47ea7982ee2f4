package io.servicetsunami.core.pipeline;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.GetDatasetUseCase;
import io.servicetsunami.ports.in.UploadDatasetUseCase;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.SyncStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.DatasetFileStore;
import io.servicetsunami.ports.out.DatasetRepository;
import io.servicetsunami.ports.out.IdGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Uploaded datasets. The file is stored before the dataset is recorded, so a dataset never points
 * at a file that is not there; a failed upload at worst leaves a file no dataset refers to.
 */
public final class DatasetService implements UploadDatasetUseCase, GetDatasetUseCase {

  private final DatasetRepository datasets;
  private final DatasetFileStore files;
  private final Clock clock;
  private final IdGenerator ids;

  public DatasetService(
      DatasetRepository datasets, DatasetFileStore files, Clock clock, IdGenerator ids) {
    this.datasets = requireNonNull(datasets, "datasets is null");
    this.files = requireNonNull(files, "files is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.ids = requireNonNull(ids, "ids is null");
  }

  @Override
  public Dataset upload(UploadDatasetCommand command) {
    requireNonNull(command, "command is null");
    if (command.name().isBlank()) {
      throw new InvalidInputException(ErrorCode.INVALID_INPUT, "name must not be blank");
    }
    TenantId tenant = command.tenantId();
    DatasetId id = new DatasetId(ids.newId());
    String storageRef = files.store(tenant, id, command.content());
    Instant now = clock.now();
    return datasets.create(
        new Dataset(
            id,
            tenant,
            command.name().strip(),
            command.format(),
            storageRef,
            0,
            SyncStatus.PENDING,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            now,
            now));
  }

  @Override
  public Dataset get(TenantId tenant, DatasetId id) {
    return datasets
        .find(tenant, id)
        .orElseThrow(
            () ->
                new NotFoundException(ErrorCode.DATASET_NOT_FOUND, "dataset " + id + " not found"));
  }

  @Override
  public List<Dataset> list(TenantId tenant) {
    return datasets.list(tenant);
  }
}
