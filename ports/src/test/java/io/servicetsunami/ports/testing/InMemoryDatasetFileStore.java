package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.DatasetFileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link DatasetFileStore} in memory. References have the form {@code memory://{tenant}/{dataset}};
 * a reference opens only for its tenant.
 */
public final class InMemoryDatasetFileStore implements DatasetFileStore {

  private record Key(TenantId tenant, String ref) {}

  private final Map<Key, byte[]> files = new HashMap<>();

  @Override
  public String store(TenantId tenant, DatasetId dataset, InputStream content) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(dataset, "dataset is null");
    requireNonNull(content, "content is null");
    byte[] bytes;
    try {
      bytes = content.readAllBytes();
    } catch (IOException e) {
      throw new PermanentException(ErrorCode.INTERNAL, "could not read the upload", e);
    }
    String ref = "memory://" + tenant + "/" + dataset;
    synchronized (this) {
      files.put(new Key(tenant, ref), bytes);
    }
    return ref;
  }

  @Override
  public synchronized InputStream open(TenantId tenant, String storageRef) {
    byte[] bytes = files.get(new Key(tenant, storageRef));
    if (bytes == null) {
      throw new NotFoundException(ErrorCode.DATASET_NOT_FOUND, "no upload at " + storageRef);
    }
    return new ByteArrayInputStream(bytes);
  }

  /** The stored upload as UTF-8 text, if there is one: for assertions. */
  public synchronized Optional<String> contentOf(TenantId tenant, String storageRef) {
    return Optional.ofNullable(files.get(new Key(tenant, storageRef)))
        .map(b -> new String(b, StandardCharsets.UTF_8));
  }
}
