package io.servicetsunami.ports.out;

import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.TenantId;
import java.io.InputStream;

/** Keeps uploaded dataset files until the sync workflow has landed them. */
public interface DatasetFileStore {

  /**
   * Stores the upload and returns a reference to it. Storing the same dataset again replaces it.
   */
  String store(TenantId tenant, DatasetId dataset, InputStream content);

  /**
   * Opens a stored upload; the caller closes the stream.
   *
   * @throws NotFoundException {@code dataset_not_found} if nothing is stored under the reference
   *     for this tenant
   */
  InputStream open(TenantId tenant, String storageRef);
}
