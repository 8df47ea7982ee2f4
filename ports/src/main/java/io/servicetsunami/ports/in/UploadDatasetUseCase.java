package io.servicetsunami.ports.in;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.DatasetFormat;
import io.servicetsunami.ports.model.TenantId;
import java.io.InputStream;

/** Turns an uploaded file into a dataset, {@code pending} until a sync lands it. */
public interface UploadDatasetUseCase {

  record UploadDatasetCommand(
      TenantId tenantId, String name, DatasetFormat format, InputStream content) {
    public UploadDatasetCommand {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(name, "name is null");
      requireNonNull(format, "format is null");
      requireNonNull(content, "content is null");
    }
  }

  /**
   * @throws InvalidInputException {@code invalid_input} for a blank name
   */
  Dataset upload(UploadDatasetCommand command);
}
