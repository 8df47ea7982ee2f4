package io.servicetsunami.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.DatasetFormat;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.SyncStatus;
import io.servicetsunami.ports.testing.SequentialIdGenerator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatasetServiceTest {

  private final PipelineWorld world = new PipelineWorld();
  private final DatasetService service = world.datasetService;

  @Test
  void uploadStoresTheFileAndRecordsAPendingDataset() {
    Dataset dataset = world.upload(world.tenant, "  Orders 2024 ", "id,total\n1,9.50\n");

    assertThat(dataset.id()).isEqualTo(new DatasetId(SequentialIdGenerator.nth(1)));
    assertThat(dataset.name()).isEqualTo("Orders 2024");
    assertThat(dataset.format()).isEqualTo(DatasetFormat.CSV);
    assertThat(dataset.syncStatus()).isEqualTo(SyncStatus.PENDING);
    assertThat(dataset.rowCount()).isZero();
    assertThat(dataset.bronzeTable()).isEmpty();
    assertThat(dataset.createdAt()).isEqualTo(world.clock.peek());
    assertThat(world.files.contentOf(world.tenant, dataset.storageRef()))
        .contains("id,total\n1,9.50\n");
    assertThat(service.get(world.tenant, dataset.id())).isEqualTo(dataset);
  }

  @Test
  void uploadRejectsABlankNameAndStoresNothing() {
    assertThatThrownBy(() -> world.upload(world.tenant, " ", "id\n1\n"))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(service.list(world.tenant)).isEmpty();
  }

  @Test
  void listsTheTenantsDatasetsNewestFirst() {
    Dataset older = world.upload(world.tenant, "older", "id\n1\n");
    world.clock.advance(Duration.ofMinutes(1));
    Dataset newer = world.upload(world.tenant, "newer", "id\n1\n");
    world.upload(world.otherTenant, "theirs", "id\n1\n");

    assertThat(service.list(world.tenant)).containsExactly(newer, older);
  }

  @Test
  void anotherTenantsDatasetIsNotFound() {
    Dataset theirs = world.upload(world.otherTenant, "theirs", "id\n1\n");

    assertThatThrownBy(() -> service.get(world.tenant, theirs.id()))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.DATASET_NOT_FOUND);
  }
}
