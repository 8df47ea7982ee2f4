package io.servicetsunami.adapters.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.TenantId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDatasetFileStoreTest {

  private static final TenantId TENANT = new TenantId(UUID.randomUUID());
  private static final TenantId OTHER = new TenantId(UUID.randomUUID());
  private static final DatasetId DATASET = new DatasetId(UUID.randomUUID());

  @TempDir Path directory;

  @Test
  void aStoredUploadOpensWithItsContentForItsTenant() throws IOException {
    LocalDatasetFileStore store = new LocalDatasetFileStore(directory);

    String ref = store.store(TENANT, DATASET, text("a,b\n1,2\n"));

    try (InputStream in = store.open(TENANT, ref)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
    }
  }

  @Test
  void storingTheSameDatasetAgainReplacesItAndLeavesNoPartFile() throws IOException {
    LocalDatasetFileStore store = new LocalDatasetFileStore(directory);
    store.store(TENANT, DATASET, text("old"));

    String ref = store.store(TENANT, DATASET, text("new"));

    try (InputStream in = store.open(TENANT, ref)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("new");
    }
    try (Stream<Path> files = Files.list(directory.resolve(TENANT.value().toString()))) {
      assertThat(files)
          .extracting(p -> p.getFileName().toString())
          .containsExactly(DATASET.value().toString());
    }
  }

  @Test
  void anotherTenantCannotOpenTheReference() {
    LocalDatasetFileStore store = new LocalDatasetFileStore(directory);
    String ref = store.store(TENANT, DATASET, text("secret rows"));

    assertThatThrownBy(() -> store.open(OTHER, ref))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DATASET_NOT_FOUND));
  }

  @Test
  void aReferenceThatLeavesTheTenantsDirectoryIsNotFound() throws IOException {
    LocalDatasetFileStore store = new LocalDatasetFileStore(directory);
    Files.writeString(directory.resolve("outside"), "not an upload");

    assertThatThrownBy(() -> store.open(TENANT, "file:" + TENANT.value() + "/../outside"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.open(TENANT, "/etc/passwd"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aReferenceWithNothingStoredIsNotFound() {
    LocalDatasetFileStore store = new LocalDatasetFileStore(directory);

    assertThatThrownBy(() -> store.open(TENANT, "file:" + TENANT.value() + "/" + DATASET.value()))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DATASET_NOT_FOUND));
  }

  private static InputStream text(String value) {
    return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
  }
}
