package io.servicetsunami.adapters.local;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.DatasetFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Uploaded dataset files on this machine's disk: {@code <directory>/<tenant>/<dataset>}. References
 * have the form {@code file:<tenant>/<dataset>} and open only for the tenant in them, so a stored
 * reference that names another tenant (or any other path) is simply not found.
 *
 * <p>An upload is written to a temporary file next to its place and moved there, so a reader never
 * sees half a file and storing the same dataset again replaces it whole.
 */
public final class LocalDatasetFileStore implements DatasetFileStore {

  private static final String SCHEME = "file:";
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Path directory;

  public LocalDatasetFileStore(Path directory) {
    this.directory = requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
  }

  @Override
  public String store(TenantId tenant, DatasetId dataset, InputStream content) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(dataset, "dataset is null");
    requireNonNull(content, "content is null");
    Path tenantDirectory = directory.resolve(tenant.value().toString());
    Path target = tenantDirectory.resolve(dataset.value().toString());
    Path temporary = tenantDirectory.resolve("." + UUID.randomUUID() + ".part");
    try {
      Files.createDirectories(tenantDirectory);
      Files.copy(content, temporary);
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new TransientException(
          ErrorCode.INTERNAL, "cannot store the upload under " + tenantDirectory, e);
    }
    return SCHEME + tenant.value() + "/" + dataset.value();
  }

  @Override
  public InputStream open(TenantId tenant, String storageRef) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(storageRef, "storageRef is null");
    String prefix = SCHEME + tenant.value() + "/";
    String name = storageRef.startsWith(prefix) ? storageRef.substring(prefix.length()) : "";
    // Only a dataset id may follow the tenant: no separators, no "..", nothing outside the store.
    if (!UUID_TEXT.matcher(name).matches()) {
      throw new NotFoundException(ErrorCode.DATASET_NOT_FOUND, "no upload at " + storageRef);
    }
    try {
      return Files.newInputStream(directory.resolve(tenant.value().toString()).resolve(name));
    } catch (NoSuchFileException e) {
      throw new NotFoundException(ErrorCode.DATASET_NOT_FOUND, "no upload at " + storageRef, e);
    } catch (IOException e) {
      throw new TransientException(ErrorCode.INTERNAL, "cannot read the upload " + storageRef, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // The failure being reported matters more; a leftover .part file is harmless.
    }
  }
}
