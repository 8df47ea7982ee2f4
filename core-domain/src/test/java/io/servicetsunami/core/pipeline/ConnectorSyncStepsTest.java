package io.servicetsunami.core.pipeline;

import static io.servicetsunami.ports.testing.Fixtures.at;
import static io.servicetsunami.ports.testing.Fixtures.fullTable;
import static io.servicetsunami.ports.testing.Fixtures.incrementalTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.in.CreatePipelineUseCase.CreatePipelineCommand;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.model.ConnectorSyncConfig;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.RunStatus;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.model.TriggerSource;
import io.servicetsunami.ports.model.Watermark;
import io.servicetsunami.ports.testing.FakeSourceConnector.ExtractCall;
import io.servicetsunami.ports.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectorSyncStepsTest {

  private static final String TABLE = "public.orders";
  private static final List<Column> COLUMNS =
      List.of(
          new Column("id", ColumnType.LONG),
          new Column("status", ColumnType.STRING),
          new Column("updated_at", ColumnType.TIMESTAMP));

  private final PipelineWorld world = new PipelineWorld();
  private final DataSyncStepsService steps = world.steps;
  private final List<List<Object>> source = new ArrayList<>();
  private DataPipeline pipeline;

  @BeforeEach
  void setUp() {
    world.storeConnection(world.tenant);
    source.add(List.of(1L, "new", at(10)));
    source.add(List.of(2L, "new", at(20)));
    source.add(List.of(3L, "paid", at(30)));
    publishSource();
    pipeline = world.connectorPipeline(world.tenant, Optional.empty(), incrementalTable(TABLE));
  }

  @Test
  void syncsASourceTableThroughBronzeIntoSilverByPrimaryKey() {
    RunId run = Fixtures.runId();

    Map<String, Object> extracted = syncTable(run);

    assertThat(extracted).containsEntry("rows", 3L).containsEntry("max_watermark", at(30) + "");
    assertThat(world.lakehouse.silverRows(world.tenant, landed()))
        .extracting(row -> row.get("id"))
        .containsExactly(1L, 2L, 3L);
    assertThat(world.lakehouse.bronze(world.tenant, landed()))
        .singleElement()
        .satisfies(batch -> assertThat(batch.loadId()).isEqualTo(run + ":" + TABLE));
    assertThat(world.watermarks.find(world.tenant, pipeline.id(), TABLE).orElseThrow().value())
        .isEqualTo(at(30).toString());
  }

  @Test
  void theWatermarkMovesOnlyInUpdateSyncMetadata() {
    RunId run = Fixtures.runId();

    Map<String, Object> extracted =
        steps.extractFromConnector(world.tenant, pipeline.id(), TABLE, run);
    steps.loadToBronze(world.tenant, pipeline.id(), TABLE, run);
    steps.loadToSilver(world.tenant, pipeline.id(), TABLE, run);
    assertThat(world.watermarks.find(world.tenant, pipeline.id(), TABLE)).isEmpty();

    world.clock.advance(Duration.ofSeconds(3));
    steps.updateSyncMetadata(
        world.tenant,
        pipeline.id(),
        TABLE,
        run,
        Optional.of((String) extracted.get("max_watermark")));

    assertThat(world.watermarks.find(world.tenant, pipeline.id(), TABLE))
        .contains(
            new Watermark(
                world.tenant,
                pipeline.id(),
                TABLE,
                "updated_at",
                at(30).toString(),
                world.clock.peek()));
  }

  @Test
  void anIncrementalExtractStartsFromTheStoredWatermarkAndOverlapRowsCollapseInSilver() {
    syncTable(Fixtures.runId());
    source.set(1, List.of(2L, "paid", at(40)));
    source.add(List.of(4L, "new", at(50)));
    publishSource();

    RunId second = Fixtures.runId();
    Map<String, Object> extracted =
        steps.extractFromConnector(world.tenant, pipeline.id(), TABLE, second);

    ExtractCall call = world.postgres.calls().get(1);
    assertThat(call.request().since()).contains(at(30).toString());
    // Rows at the watermark are read again, so one committed late at the boundary is not lost.
    assertThat(extracted).containsEntry("rows", 3L).containsEntry("max_watermark", at(50) + "");
    assertThat(world.watermarks.find(world.tenant, pipeline.id(), TABLE).orElseThrow().value())
        .isEqualTo(at(30).toString());

    steps.loadToBronze(world.tenant, pipeline.id(), TABLE, second);
    steps.loadToSilver(world.tenant, pipeline.id(), TABLE, second);
    steps.updateSyncMetadata(
        world.tenant, pipeline.id(), TABLE, second, Optional.of(at(50).toString()));

    assertThat(world.lakehouse.silverRows(world.tenant, landed()))
        .extracting(row -> row.get("id"), row -> row.get("status"))
        .containsExactlyInAnyOrder(
            tuple(1L, "new"), tuple(2L, "paid"), tuple(3L, "paid"), tuple(4L, "new"));
    assertThat(world.watermarks.find(world.tenant, pipeline.id(), TABLE).orElseThrow().value())
        .isEqualTo(at(50).toString());
  }

  @Test
  void withoutANewWatermarkTheStoredOneStays() {
    syncTable(Fixtures.runId());

    steps.updateSyncMetadata(
        world.tenant, pipeline.id(), TABLE, Fixtures.runId(), Optional.empty());

    assertThat(world.watermarks.find(world.tenant, pipeline.id(), TABLE).orElseThrow().value())
        .isEqualTo(at(30).toString());
  }

  @Test
  void aWatermarkKeptForAnotherColumnIsNotPassedOn() {
    world.watermarks.save(
        new Watermark(
            world.tenant,
            pipeline.id(),
            TABLE,
            "created_at",
            at(30).toString(),
            world.clock.now()));

    steps.extractFromConnector(world.tenant, pipeline.id(), TABLE, Fixtures.runId());

    assertThat(world.postgres.calls().get(0).request().since()).isEmpty();
  }

  @Test
  void aFullSyncPassesNoWatermarkAndStoresNone() {
    DataPipeline full = world.connectorPipeline(world.tenant, Optional.empty(), fullTable(TABLE));
    RunId run = Fixtures.runId();

    Map<String, Object> extracted = steps.extractFromConnector(world.tenant, full.id(), TABLE, run);
    steps.updateSyncMetadata(world.tenant, full.id(), TABLE, run, Optional.of("ignored"));

    assertThat(world.postgres.calls().get(0).request().since()).isEmpty();
    assertThat(extracted).containsEntry("rows", 3L).containsEntry("max_watermark", null);
    assertThat(world.watermarks.find(world.tenant, full.id(), TABLE)).isEmpty();
  }

  @Test
  void everyConnectorStepRepeatedLeavesTheSameResult() {
    RunId run = Fixtures.runId();

    Map<String, Object> first = steps.extractFromConnector(world.tenant, pipeline.id(), TABLE, run);
    Map<String, Object> again = steps.extractFromConnector(world.tenant, pipeline.id(), TABLE, run);
    long bronze = steps.loadToBronze(world.tenant, pipeline.id(), TABLE, run);
    long bronzeAgain = steps.loadToBronze(world.tenant, pipeline.id(), TABLE, run);
    long silver = steps.loadToSilver(world.tenant, pipeline.id(), TABLE, run);
    long silverAgain = steps.loadToSilver(world.tenant, pipeline.id(), TABLE, run);
    Optional<String> mark = Optional.of(at(30).toString());
    steps.updateSyncMetadata(world.tenant, pipeline.id(), TABLE, run, mark);
    steps.updateSyncMetadata(world.tenant, pipeline.id(), TABLE, run, mark);

    assertThat(again).isEqualTo(first);
    assertThat(bronze).isEqualTo(bronzeAgain).isEqualTo(3);
    assertThat(silver).isEqualTo(silverAgain).isEqualTo(3);
    assertThat(world.lakehouse.bronze(world.tenant, landed())).hasSize(1);
    assertThat(world.watermarks.find(world.tenant, pipeline.id(), TABLE).orElseThrow().value())
        .isEqualTo(at(30).toString());
  }

  @Test
  void theConnectorGetsTheDecryptedConnectionButNoStepResultContainsIt() {
    world.postgres.requires("password", Secret.of(PipelineWorld.DB_PASSWORD));
    RunId run = Fixtures.runId();

    String results =
        String.valueOf(steps.extractFromConnector(world.tenant, pipeline.id(), TABLE, run))
            + steps.loadToBronze(world.tenant, pipeline.id(), TABLE, run)
            + steps.loadToSilver(world.tenant, pipeline.id(), TABLE, run)
            + steps.startScheduledRun(world.tenant, pipeline.id(), run, TriggerSource.SCHEDULE)
            + world.runs.all();

    assertThat(world.postgres.calls().get(0).connection())
        .containsEntry("url", Secret.of(PipelineWorld.DB_URL))
        .containsEntry("password", Secret.of(PipelineWorld.DB_PASSWORD));
    assertThat(results)
        .doesNotContain(PipelineWorld.DB_PASSWORD)
        .doesNotContain(PipelineWorld.DB_URL)
        .doesNotContain("fake-cipher");
  }

  @Test
  void aPipelineWithoutStoredCredentialsFailsPermanently() {
    world.credentials.delete(world.tenant, PipelineWorld.CONNECTION_SKILL, "url");
    world.credentials.delete(world.tenant, PipelineWorld.CONNECTION_SKILL, "password");

    assertThatThrownBy(
            () -> steps.extractFromConnector(world.tenant, pipeline.id(), TABLE, Fixtures.runId()))
        .isInstanceOf(PermanentException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.CONNECTOR_FAILED);
  }

  @Test
  void aConnectorTypeWithoutAConnectorFailsPermanently() {
    DataPipeline snowflake =
        world.pipelineService.create(
            new CreatePipelineCommand(
                world.tenant,
                "Warehouse",
                PipelineType.CONNECTOR_SYNC,
                Map.of(),
                Optional.empty(),
                Optional.of(
                    new ConnectorSyncConfig(
                        ConnectorType.SNOWFLAKE,
                        PipelineWorld.CONNECTION_SKILL,
                        List.of(incrementalTable(TABLE)))),
                Optional.empty()));

    assertThatThrownBy(
            () -> steps.extractFromConnector(world.tenant, snowflake.id(), TABLE, Fixtures.runId()))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("snowflake")
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.CONNECTOR_FAILED);
    assertThat(world.postgres.calls()).isEmpty();
  }

  @Test
  void aTableThePipelineDoesNotSyncIsInvalidInput() {
    assertThatThrownBy(
            () ->
                steps.extractFromConnector(
                    world.tenant, pipeline.id(), "public.users", Fixtures.runId()))
        .isInstanceOf(InvalidInputException.class);
    assertThat(world.postgres.calls()).isEmpty();
  }

  @Test
  void anotherTenantCannotExtractThePipelineEvenWithCredentialsOfItsOwn() {
    world.storeConnection(world.otherTenant);

    assertThatThrownBy(
            () ->
                steps.extractFromConnector(
                    world.otherTenant, pipeline.id(), TABLE, Fixtures.runId()))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.PIPELINE_NOT_FOUND);
    assertThatThrownBy(
            () ->
                steps.startScheduledRun(
                    world.otherTenant, pipeline.id(), Fixtures.runId(), TriggerSource.SCHEDULE))
        .isInstanceOf(NotFoundException.class);
    assertThat(world.postgres.calls()).isEmpty();
    assertThat(world.runs.all()).isEmpty();
  }

  // ---- scheduled runs --------------------------------------------------------------------------

  @Test
  void aScheduledRunIsOpenedOnceWithTriggerScheduleAndListsTheTables() {
    DataPipeline twoTables =
        world.connectorPipeline(
            world.tenant, Optional.empty(), incrementalTable("public.orders"), fullTable("items"));
    RunId run = Fixtures.runId();

    List<String> tables =
        steps.startScheduledRun(world.tenant, twoTables.id(), run, TriggerSource.SCHEDULE);
    world.clock.advance(Duration.ofSeconds(1));
    List<String> again =
        steps.startScheduledRun(world.tenant, twoTables.id(), run, TriggerSource.SCHEDULE);

    assertThat(tables).containsExactly("public.orders", "items").isEqualTo(again);
    assertThat(world.runs.all())
        .singleElement()
        .satisfies(
            opened -> {
              assertThat(opened.id()).isEqualTo(run);
              assertThat(opened.trigger()).isEqualTo(TriggerSource.SCHEDULE);
              assertThat(opened.status()).isEqualTo(RunStatus.RUNNING);
              assertThat(opened.workflowId()).isEqualTo("scheduled-sync-" + twoTables.id());
              assertThat(opened.startedAt()).isEqualTo(Fixtures.NOW);
            });
  }

  @Test
  void aManualRunKeepsItsTriggerWhenTheWorkflowStartsIt() {
    PipelineRun manual = world.pipelineService.execute(world.tenant, pipeline.id());

    steps.startScheduledRun(world.tenant, pipeline.id(), manual.id(), TriggerSource.MANUAL);

    assertThat(world.runs.find(world.tenant, manual.id())).contains(manual);
  }

  @Test
  void finishingARunClosesItOnceWithItsOutput() {
    PipelineRun manual = world.pipelineService.execute(world.tenant, pipeline.id());
    world.clock.advance(Duration.ofMinutes(2));
    Instant end = world.clock.peek();

    steps.finishRun(world.tenant, manual.id(), Optional.empty(), Map.of("rows", 3));
    world.clock.advance(Duration.ofMinutes(1));
    steps.finishRun(world.tenant, manual.id(), Optional.of("late failure"), Map.of("rows", 0));

    PipelineRun closed = world.runs.find(world.tenant, manual.id()).orElseThrow();
    assertThat(closed.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(closed.output()).containsEntry("rows", 3);
    assertThat(closed.error()).isEmpty();
    assertThat(closed.completedAt()).contains(end);
    assertThat(closed.duration()).contains(Duration.ofMinutes(2));
  }

  @Test
  void finishingARunWithAnErrorMarksItFailed() {
    PipelineRun manual = world.pipelineService.execute(world.tenant, pipeline.id());

    steps.finishRun(world.tenant, manual.id(), Optional.of("source unreachable"), Map.of());

    PipelineRun closed = world.runs.find(world.tenant, manual.id()).orElseThrow();
    assertThat(closed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(closed.error()).contains("source unreachable");
    assertThat(closed.completedAt()).contains(world.clock.peek());
  }

  @Test
  void anotherTenantCannotFinishTheRun() {
    PipelineRun manual = world.pipelineService.execute(world.tenant, pipeline.id());

    steps.finishRun(world.otherTenant, manual.id(), Optional.of("hijacked"), Map.of());

    assertThat(world.runs.find(world.tenant, manual.id())).contains(manual);
  }

  @Test
  void aKeyTheSourceReportsDeletedLeavesSilver() {
    String table = "public.accounts";
    List<Column> columns =
        List.of(
            new Column("id", ColumnType.LONG),
            new Column("is_deleted", ColumnType.BOOLEAN),
            new Column("updated_at", ColumnType.TIMESTAMP));
    world.postgres.table(
        table, columns, List.of(List.of(1L, false, at(10)), List.of(2L, false, at(20))));
    DataPipeline withDeletes =
        world.connectorPipeline(
            world.tenant,
            Optional.empty(),
            new TableSync(
                table,
                SyncMode.INCREMENTAL,
                List.of("id"),
                Optional.of("updated_at"),
                Duration.ZERO,
                Optional.of("is_deleted")));
    RunId first = Fixtures.runId();
    steps.extractFromConnector(world.tenant, withDeletes.id(), table, first);
    steps.loadToBronze(world.tenant, withDeletes.id(), table, first);
    steps.loadToSilver(world.tenant, withDeletes.id(), table, first);
    steps.updateSyncMetadata(
        world.tenant, withDeletes.id(), table, first, Optional.of(at(20).toString()));

    world.postgres.table(
        table, columns, List.of(List.of(1L, false, at(10)), List.of(2L, true, at(30))));
    RunId second = Fixtures.runId();
    steps.extractFromConnector(world.tenant, withDeletes.id(), table, second);
    steps.loadToBronze(world.tenant, withDeletes.id(), table, second);
    long silver = steps.loadToSilver(world.tenant, withDeletes.id(), table, second);

    assertThat(silver).isEqualTo(1);
    assertThat(
            world.lakehouse.silverRows(world.tenant, LakehouseTables.of(withDeletes.id(), table)))
        .extracting(row -> row.get("id"))
        .containsExactly(1L);
  }

  private Map<String, Object> syncTable(RunId run) {
    Map<String, Object> extracted =
        steps.extractFromConnector(world.tenant, pipeline.id(), TABLE, run);
    steps.loadToBronze(world.tenant, pipeline.id(), TABLE, run);
    steps.loadToSilver(world.tenant, pipeline.id(), TABLE, run);
    steps.updateSyncMetadata(
        world.tenant,
        pipeline.id(),
        TABLE,
        run,
        Optional.ofNullable((String) extracted.get("max_watermark")));
    return extracted;
  }

  private void publishSource() {
    world.postgres.table(TABLE, COLUMNS, source);
  }

  /** Where the pipeline's source table lands: its own tables, never another pipeline's. */
  private String landed() {
    return LakehouseTables.of(pipeline.id(), TABLE);
  }
}
