package io.servicetsunami.ports.testing;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.TenantId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InMemoryDatasetFileStoreTest {

  private final InMemoryDatasetFileStore files = new InMemoryDatasetFileStore();
  private final TenantId tenant = Fixtures.tenantId();
  private final DatasetId dataset = Fixtures.datasetId();

  private static InputStream text(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void storedUploadOpensWithItsContent() throws IOException {
    String ref = files.store(tenant, dataset, text("id,name\n1,Ada\n"));

    try (InputStream in = files.open(tenant, ref)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("id,name\n1,Ada\n");
    }
  }

  @Test
  void storingTheSameDatasetAgainReplacesIt() {
    String first = files.store(tenant, dataset, text("old"));
    String second = files.store(tenant, dataset, text("new"));

    assertThat(second).isEqualTo(first);
    assertThat(files.contentOf(tenant, second)).contains("new");
  }

  @Test
  void unknownReferenceIsNotFound() {
    assertPortError(
        NotFoundException.class,
        ErrorCode.DATASET_NOT_FOUND,
        () -> files.open(tenant, "memory://nothing"));
  }

  @Test
  void anotherTenantCannotOpenAnUpload() {
    String ref = files.store(tenant, dataset, text("secret rows"));

    assertPortError(
        NotFoundException.class,
        ErrorCode.DATASET_NOT_FOUND,
        () -> files.open(Fixtures.tenantId(), ref));
  }
}
