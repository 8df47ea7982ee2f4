package io.servicetsunami.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.RunStatus;
import io.servicetsunami.ports.model.SyncStatus;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemoryLakehouse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatasetSyncStepsTest {

  private static final String CSV = "id,total\n1,9.50\n2,12.00\n3,7.25\n";

  private final PipelineWorld world = new PipelineWorld();
  private final DataSyncStepsService steps = world.steps;

  @Test
  void landsAnUploadedDatasetInBronzeAndSilverAndClosesThePipelineRun() {
    Dataset dataset = world.upload(world.tenant, "Orders 2024", CSV);
    DataPipeline pipeline = world.datasetPipeline(world.tenant, dataset);
    PipelineRun run = world.pipelineService.execute(world.tenant, pipeline.id());
    String table = LakehouseTables.of(dataset);

    assertThat(steps.syncToBronze(world.tenant, dataset.id(), run.id())).isEqualTo(3);
    assertThat(world.datasets.find(world.tenant, dataset.id()).orElseThrow().syncStatus())
        .isEqualTo(SyncStatus.SYNCING);
    assertThat(steps.transformToSilver(world.tenant, dataset.id(), run.id())).isEqualTo(3);
    world.clock.advance(Duration.ofSeconds(5));
    steps.updateDatasetMetadata(world.tenant, dataset.id(), run.id());

    Instant end = world.clock.peek();
    Dataset synced = world.datasets.find(world.tenant, dataset.id()).orElseThrow();
    assertThat(synced.syncStatus()).isEqualTo(SyncStatus.SYNCED);
    assertThat(synced.rowCount()).isEqualTo(3);
    assertThat(synced.bronzeTable()).contains(InMemoryLakehouse.bronzeName(world.tenant, table));
    assertThat(synced.silverTable()).contains(InMemoryLakehouse.silverName(world.tenant, table));
    assertThat(synced.lastSyncedAt()).contains(end);
    assertThat(synced.lastError()).isEmpty();
    assertThat(world.lakehouse.bronze(world.tenant, table))
        .singleElement()
        .satisfies(batch -> assertThat(batch.loadId()).isEqualTo("run-" + run.id()));
    assertThat(world.lakehouse.silverRows(world.tenant, table))
        .extracting(row -> row.get("id"))
        .containsExactly("1", "2", "3");

    PipelineRun closed = world.runs.find(world.tenant, run.id()).orElseThrow();
    assertThat(closed.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(closed.completedAt()).contains(end);
    assertThat(closed.output())
        .containsEntry("rows", 3L)
        .containsEntry("bronze_table", InMemoryLakehouse.bronzeName(world.tenant, table))
        .containsEntry("silver_table", InMemoryLakehouse.silverName(world.tenant, table));
  }

  @Test
  void everyDatasetStepRepeatedLeavesTheSameResult() {
    Dataset dataset = world.upload(world.tenant, "orders", CSV);
    DataPipeline pipeline = world.datasetPipeline(world.tenant, dataset);
    PipelineRun run = world.pipelineService.execute(world.tenant, pipeline.id());
    String table = LakehouseTables.of(dataset);

    assertThat(steps.syncToBronze(world.tenant, dataset.id(), run.id())).isEqualTo(3);
    assertThat(steps.syncToBronze(world.tenant, dataset.id(), run.id())).isEqualTo(3);
    assertThat(steps.transformToSilver(world.tenant, dataset.id(), run.id())).isEqualTo(3);
    assertThat(steps.transformToSilver(world.tenant, dataset.id(), run.id())).isEqualTo(3);
    steps.updateDatasetMetadata(world.tenant, dataset.id(), run.id());
    PipelineRun closed = world.runs.find(world.tenant, run.id()).orElseThrow();
    world.clock.advance(Duration.ofSeconds(30));
    steps.updateDatasetMetadata(world.tenant, dataset.id(), run.id());

    assertThat(world.lakehouse.bronze(world.tenant, table)).hasSize(1);
    assertThat(world.lakehouse.silverRows(world.tenant, table)).hasSize(3);
    assertThat(world.datasets.find(world.tenant, dataset.id()).orElseThrow().rowCount())
        .isEqualTo(3);
    assertThat(world.runs.find(world.tenant, run.id())).contains(closed);
  }

  @Test
  void aSecondSyncReplacesSilverWithTheLatestUpload() {
    Dataset dataset = world.upload(world.tenant, "orders", CSV);
    RunId first = Fixtures.runId();
    steps.syncToBronze(world.tenant, dataset.id(), first);
    steps.transformToSilver(world.tenant, dataset.id(), first);
    steps.updateDatasetMetadata(world.tenant, dataset.id(), first);
    world.files.store(
        world.tenant,
        dataset.id(),
        new ByteArrayInputStream("id,total\n9,1.00\n".getBytes(StandardCharsets.UTF_8)));

    RunId second = Fixtures.runId();
    steps.syncToBronze(world.tenant, dataset.id(), second);
    steps.transformToSilver(world.tenant, dataset.id(), second);
    steps.updateDatasetMetadata(world.tenant, dataset.id(), second);

    String table = LakehouseTables.of(dataset);
    assertThat(world.lakehouse.bronze(world.tenant, table)).hasSize(2);
    assertThat(world.lakehouse.silverRows(world.tenant, table))
        .extracting(row -> row.get("id"))
        .containsExactly("9");
    assertThat(world.datasets.find(world.tenant, dataset.id()).orElseThrow().rowCount())
        .isEqualTo(1);
  }

  @Test
  void aDatasetSyncedOutsideAPipelineHasNoRunToClose() {
    Dataset dataset = world.upload(world.tenant, "orders", CSV);
    RunId run = Fixtures.runId();

    steps.syncToBronze(world.tenant, dataset.id(), run);
    steps.transformToSilver(world.tenant, dataset.id(), run);
    steps.updateDatasetMetadata(world.tenant, dataset.id(), run);
    steps.finishRun(world.tenant, run, Optional.empty(), Map.of());

    assertThat(world.datasets.find(world.tenant, dataset.id()).orElseThrow().syncStatus())
        .isEqualTo(SyncStatus.SYNCED);
    assertThat(world.runs.all()).isEmpty();
  }

  @Test
  void aFailedRunMarksItsDatasetFailedWithTheError() {
    Dataset dataset = world.upload(world.tenant, "orders", "id\n1\n");
    DataPipeline pipeline = world.datasetPipeline(world.tenant, dataset);
    PipelineRun run = world.pipelineService.execute(world.tenant, pipeline.id());
    steps.syncToBronze(world.tenant, dataset.id(), run.id());

    steps.finishRun(world.tenant, run.id(), Optional.of("silver transform timed out"), Map.of());

    Dataset failed = world.datasets.find(world.tenant, dataset.id()).orElseThrow();
    assertThat(failed.syncStatus()).isEqualTo(SyncStatus.FAILED);
    assertThat(failed.lastError()).contains("silver transform timed out");
    PipelineRun closed = world.runs.find(world.tenant, run.id()).orElseThrow();
    assertThat(closed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(closed.error()).contains("silver transform timed out");
  }

  @Test
  void anUnreadableUploadFailsTheStepAsUnsupportedFormat() {
    Dataset dataset = world.upload(world.tenant, "orders", "id,total\n1\n");

    assertThatThrownBy(() -> steps.syncToBronze(world.tenant, dataset.id(), Fixtures.runId()))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void anotherTenantCannotSyncTheDataset() {
    Dataset dataset = world.upload(world.tenant, "orders", CSV);
    RunId run = Fixtures.runId();

    assertThatThrownBy(() -> steps.syncToBronze(world.otherTenant, dataset.id(), run))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.DATASET_NOT_FOUND);
    assertThatThrownBy(() -> steps.updateDatasetMetadata(world.otherTenant, dataset.id(), run))
        .isInstanceOf(NotFoundException.class);
    assertThat(world.lakehouse.bronze(world.otherTenant, LakehouseTables.of(dataset))).isEmpty();
    assertThat(world.lakehouse.bronze(world.tenant, LakehouseTables.of(dataset))).isEmpty();
  }
}
