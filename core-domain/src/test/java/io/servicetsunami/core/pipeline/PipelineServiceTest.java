package io.servicetsunami.core.pipeline;

import static io.servicetsunami.core.pipeline.PipelineWorld.kit;
import static io.servicetsunami.ports.testing.Fixtures.fullTable;
import static io.servicetsunami.ports.testing.Fixtures.incrementalTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.in.CreatePipelineUseCase.CreatePipelineCommand;
import io.servicetsunami.ports.model.ConnectorSyncConfig;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.RunStatus;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.model.TriggerSource;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.out.WorkflowSchedules;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemoryWorkflowEngine.Started;
import io.servicetsunami.ports.testing.InMemoryWorkflowSchedules.ScheduledWorkflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineServiceTest {

  private static final Schedule HOURLY = new Schedule.Interval(Duration.ofHours(1), false);

  private final PipelineWorld world = new PipelineWorld();
  private final PipelineService service = world.pipelineService;

  // ---- create ----------------------------------------------------------------------------------

  @Test
  void createsADatasetPipelineForADatasetOfTheTenant() {
    Dataset dataset = world.upload(world.tenant, "orders", "id\n1\n");

    DataPipeline pipeline = world.datasetPipeline(world.tenant, dataset);

    assertThat(pipeline.type()).isEqualTo(PipelineType.DATASET_SYNC);
    assertThat(pipeline.datasetId()).contains(dataset.id());
    assertThat(pipeline.createdAt()).isEqualTo(world.clock.peek());
    assertThat(service.get(world.tenant, pipeline.id())).isEqualTo(pipeline);
    assertThat(service.list(world.tenant)).containsExactly(pipeline);
  }

  @Test
  void rejectsABlankName() {
    assertThatThrownBy(
            () ->
                service.create(
                    new CreatePipelineCommand(
                        world.tenant,
                        "  ",
                        PipelineType.AGENT_KIT,
                        kit("Summarise"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(world.pipelines.listScheduled()).isEmpty();
    assertThat(service.list(world.tenant)).isEmpty();
  }

  @Test
  void translatesTheModelsOwnRuleIntoInvalidInputWithItsMessage() {
    assertThatThrownBy(
            () ->
                service.create(
                    new CreatePipelineCommand(
                        world.tenant,
                        "No dataset",
                        PipelineType.DATASET_SYNC,
                        Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("a dataset_sync pipeline needs a dataset");
    assertThatThrownBy(
            () ->
                service.create(
                    new CreatePipelineCommand(
                        world.tenant,
                        "No connector",
                        PipelineType.CONNECTOR_SYNC,
                        Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("a connector_sync pipeline needs a connector config");
  }

  @Test
  void rejectsADatasetOfAnotherTenantAsNotFound() {
    Dataset foreign = world.upload(world.otherTenant, "theirs", "id\n1\n");

    assertThatThrownBy(() -> world.datasetPipeline(world.tenant, foreign))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.DATASET_NOT_FOUND);
    assertThat(service.list(world.tenant)).isEmpty();
  }

  @Test
  void rejectsAScheduleOnAPipelineThatIsNotAConnectorSync() {
    Dataset dataset = world.upload(world.tenant, "orders", "id\n1\n");

    assertThatThrownBy(
            () ->
                service.create(
                    new CreatePipelineCommand(
                        world.tenant,
                        "Scheduled dataset",
                        PipelineType.DATASET_SYNC,
                        Map.of(),
                        Optional.of(dataset.id()),
                        Optional.empty(),
                        Optional.of(HOURLY))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("only a connector_sync pipeline can have a schedule");
    assertThat(world.schedules.scheduleIds()).isEmpty();
  }

  @Test
  void rejectsSettingsOfAnotherType() {
    Dataset dataset = world.upload(world.tenant, "orders", "id\n1\n");
    ConnectorSyncConfig connector =
        new ConnectorSyncConfig(
            ConnectorType.POSTGRESQL, "postgresql", List.of(incrementalTable("public.orders")));

    assertThatThrownBy(
            () ->
                service.create(
                    new CreatePipelineCommand(
                        world.tenant,
                        "Both",
                        PipelineType.DATASET_SYNC,
                        Map.of(),
                        Optional.of(dataset.id()),
                        Optional.of(connector),
                        Optional.empty())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("connector config");
    assertThatThrownBy(
            () ->
                service.create(
                    new CreatePipelineCommand(
                        world.tenant,
                        "Kit with dataset",
                        PipelineType.AGENT_KIT,
                        kit("Summarise"),
                        Optional.of(dataset.id()),
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dataset");
  }

  @Test
  void rejectsAMalformedAgentKitAtCreation() {
    assertThatThrownBy(() -> world.agentKitPipeline(world.tenant, Map.of("kit", "digest")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'tasks' must be a non-empty list");
  }

  @Test
  void rejectsHostileTableAndColumnNames() {
    assertThatThrownBy(
            () ->
                world.connectorPipeline(
                    world.tenant, Optional.empty(), fullTable("orders; drop table users")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a valid table name");
    assertThatThrownBy(
            () ->
                world.connectorPipeline(
                    world.tenant,
                    Optional.empty(),
                    new TableSync(
                        "public.orders",
                        SyncMode.INCREMENTAL,
                        List.of("id"),
                        Optional.of("updated_at\"--"),
                        Duration.ZERO)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a valid column name");
    assertThat(service.list(world.tenant)).isEmpty();
  }

  @Test
  void rejectsAnIncrementalTableWithoutPrimaryKey() {
    TableSync noKey =
        new TableSync(
            "public.events",
            SyncMode.INCREMENTAL,
            List.of(),
            Optional.of("updated_at"),
            Duration.ZERO);

    assertThatThrownBy(() -> world.connectorPipeline(world.tenant, Optional.empty(), noKey))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("needs a primary key");
  }

  @Test
  void ensuresTheScheduleOfAScheduledConnectorPipeline() {
    DataPipeline pipeline =
        world.connectorPipeline(
            world.tenant, Optional.of(HOURLY), incrementalTable("public.orders"));

    assertThat(world.schedules.schedule("pipeline-schedule-" + pipeline.id()))
        .contains(
            new ScheduledWorkflow(
                "pipeline-schedule-" + pipeline.id(),
                HOURLY,
                "scheduled-sync-" + pipeline.id(),
                new WorkflowInput.ScheduledSync(world.tenant, pipeline.id(), Optional.empty())));
    assertThat(PipelineService.scheduleId(pipeline.id()))
        .isEqualTo("pipeline-schedule-" + pipeline.id());
  }

  @Test
  void pausingAScheduleStoresItAndStopsItsFiresUntilResumed() {
    DataPipeline pipeline =
        world.connectorPipeline(
            world.tenant, Optional.of(HOURLY), incrementalTable("public.orders"));
    String scheduleId = PipelineService.scheduleId(pipeline.id());

    DataPipeline paused = world.pipelineService.pause(world.tenant, pipeline.id());

    assertThat(paused.schedule()).contains(new Schedule.Interval(Duration.ofHours(1), true));
    assertThat(world.pipelines.find(world.tenant, pipeline.id()).orElseThrow().schedule())
        .contains(new Schedule.Interval(Duration.ofHours(1), true));
    assertThat(world.schedules.schedule(scheduleId).orElseThrow().schedule().paused()).isTrue();
    assertThat(world.schedules.fire(scheduleId)).isFalse();

    DataPipeline resumed = world.pipelineService.resume(world.tenant, pipeline.id());

    assertThat(resumed.schedule()).contains(HOURLY);
    assertThat(world.schedules.schedule(scheduleId).orElseThrow().schedule()).isEqualTo(HOURLY);
    assertThat(world.schedules.fire(scheduleId)).isTrue();
  }

  @Test
  void pausingAPipelineWithoutAScheduleIsInvalid() {
    DataPipeline pipeline =
        world.connectorPipeline(world.tenant, Optional.empty(), incrementalTable("public.orders"));

    assertThatThrownBy(() -> world.pipelineService.pause(world.tenant, pipeline.id()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has no schedule");
  }

  @Test
  void anotherTenantCannotPauseTheSchedule() {
    DataPipeline pipeline =
        world.connectorPipeline(
            world.tenant, Optional.of(HOURLY), incrementalTable("public.orders"));

    assertThatThrownBy(() -> world.pipelineService.pause(world.otherTenant, pipeline.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(
            world
                .schedules
                .schedule(PipelineService.scheduleId(pipeline.id()))
                .orElseThrow()
                .schedule()
                .paused())
        .isFalse();
  }

  @Test
  void doesNotKeepAScheduledPipelineWhoseScheduleCouldNotBeEnsured() {
    PipelineService failing =
        new PipelineService(
            world.pipelines,
            world.runs,
            world.datasets,
            world.engine,
            new WorkflowSchedules() {
              @Override
              public void ensure(
                  String scheduleId, Schedule schedule, String workflowId, WorkflowInput input) {
                throw new TransientException(
                    ErrorCode.WORKFLOW_ENGINE_UNAVAILABLE, "the scheduler is down");
              }

              @Override
              public void triggerNow(String scheduleId) {}

              @Override
              public void delete(String scheduleId) {}
            },
            world.clock,
            world.ids);

    assertThatThrownBy(
            () ->
                failing.create(
                    new CreatePipelineCommand(
                        world.tenant,
                        "Orders",
                        PipelineType.CONNECTOR_SYNC,
                        Map.of(),
                        Optional.empty(),
                        Optional.of(
                            new ConnectorSyncConfig(
                                ConnectorType.POSTGRESQL,
                                "postgresql",
                                List.of(incrementalTable("public.orders")))),
                        Optional.of(HOURLY))))
        .isInstanceOf(TransientException.class);
    assertThat(world.pipelineService.list(world.tenant)).isEmpty();
  }

  @Test
  void reEnsuresEveryScheduleAtStartUp() {
    DataPipeline mine =
        world.connectorPipeline(
            world.tenant, Optional.of(HOURLY), incrementalTable("public.orders"));
    DataPipeline theirs =
        world.connectorPipeline(
            world.otherTenant, Optional.of(HOURLY), incrementalTable("public.orders"));
    world.schedules.delete(PipelineService.scheduleId(mine.id()));
    world.schedules.delete(PipelineService.scheduleId(theirs.id()));

    assertThat(service.ensureSchedules()).isEqualTo(2);

    assertThat(world.schedules.scheduleIds())
        .containsExactlyInAnyOrder(
            PipelineService.scheduleId(mine.id()), PipelineService.scheduleId(theirs.id()));
  }

  // ---- delete ----------------------------------------------------------------------------------

  @Test
  void deletesTheScheduleAndThenThePipeline() {
    DataPipeline pipeline =
        world.connectorPipeline(
            world.tenant, Optional.of(HOURLY), incrementalTable("public.orders"));

    service.delete(world.tenant, pipeline.id());

    assertThat(world.schedules.scheduleIds()).isEmpty();
    assertThatThrownBy(() -> service.get(world.tenant, pipeline.id()))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.PIPELINE_NOT_FOUND);
  }

  @Test
  void deletingAnUnknownPipelineIsNotFound() {
    assertThatThrownBy(() -> service.delete(world.tenant, Fixtures.pipelineId()))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.PIPELINE_NOT_FOUND);
  }

  @Test
  void anotherTenantCannotDeleteThePipelineOrItsSchedule() {
    DataPipeline pipeline =
        world.connectorPipeline(
            world.tenant, Optional.of(HOURLY), incrementalTable("public.orders"));

    assertThatThrownBy(() -> service.delete(world.otherTenant, pipeline.id()))
        .isInstanceOf(NotFoundException.class);

    assertThat(world.schedules.scheduleIds())
        .containsExactly(PipelineService.scheduleId(pipeline.id()));
    assertThat(service.get(world.tenant, pipeline.id())).isEqualTo(pipeline);
  }

  // ---- execute ---------------------------------------------------------------------------------

  @Test
  void executingADatasetPipelineOpensARunAndStartsDatasetSync() {
    Dataset dataset = world.upload(world.tenant, "orders", "id\n1\n");
    DataPipeline pipeline = world.datasetPipeline(world.tenant, dataset);

    PipelineRun run = service.execute(world.tenant, pipeline.id());

    String workflowId = "dataset-sync-" + dataset.id() + "-" + run.id();
    assertThat(run.workflowId()).isEqualTo(workflowId);
    assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run.trigger()).isEqualTo(TriggerSource.MANUAL);
    assertThat(run.pipelineId()).isEqualTo(pipeline.id());
    assertThat(world.runs.find(world.tenant, run.id())).contains(run);
    assertThat(world.engine.started())
        .containsExactly(
            new Started(
                workflowId,
                "run-1",
                new WorkflowInput.DatasetSync(
                    world.tenant, dataset.id(), run.id(), Optional.of(pipeline.id()))));
  }

  @Test
  void executingAnAgentKitOpensARunAndStartsAgentKitExecution() {
    DataPipeline pipeline = world.agentKitPipeline(world.tenant, kit("Summarise the week"));

    PipelineRun run = service.execute(world.tenant, pipeline.id());

    String workflowId = "pipeline-" + pipeline.id() + "-" + run.id();
    assertThat(run.workflowId()).isEqualTo(workflowId);
    assertThat(run.trigger()).isEqualTo(TriggerSource.MANUAL);
    assertThat(world.engine.inputOf(workflowId))
        .isEqualTo(new WorkflowInput.AgentKitExecution(world.tenant, pipeline.id(), run.id()));
  }

  @Test
  void executingAConnectorPipelineStartsItsScheduledSyncWithTheNewRun() {
    DataPipeline pipeline =
        world.connectorPipeline(world.tenant, Optional.empty(), incrementalTable("public.orders"));

    PipelineRun run = service.execute(world.tenant, pipeline.id());

    String workflowId = "scheduled-sync-" + pipeline.id();
    assertThat(run.workflowId()).isEqualTo(workflowId);
    assertThat(run.trigger()).isEqualTo(TriggerSource.MANUAL);
    assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(world.engine.started(WorkflowType.SCHEDULED_SYNC)).hasSize(1);
    assertThat(world.engine.inputOf(workflowId))
        .isEqualTo(
            new WorkflowInput.ScheduledSync(world.tenant, pipeline.id(), Optional.of(run.id())));
    assertThat(world.runs.find(world.tenant, run.id())).contains(run);
  }

  @Test
  void executingAConnectorPipelineWhileItsSyncRunsIsAConflictAndOpensNoRun() {
    DataPipeline pipeline =
        world.connectorPipeline(world.tenant, Optional.empty(), incrementalTable("public.orders"));
    PipelineRun first = service.execute(world.tenant, pipeline.id());

    assertThatThrownBy(() -> service.execute(world.tenant, pipeline.id()))
        .isInstanceOf(ConflictException.class)
        .hasMessage("a sync of this pipeline is already running")
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.ALREADY_EXISTS);

    assertThat(service.runs(world.tenant, pipeline.id(), Page.first(10))).containsExactly(first);
    assertThat(world.engine.started()).hasSize(1);
  }

  @Test
  void executingAConnectorPipelineOpensOneRunWhenTheWorkflowOpenedItFirst() {
    DataPipeline pipeline =
        world.connectorPipeline(world.tenant, Optional.empty(), incrementalTable("public.orders"));
    // The workflow's first step may run before execute records the run.
    world.engine.whenStarted(
        started -> {
          if (started.input() instanceof WorkflowInput.ScheduledSync sync) {
            world.steps.startScheduledRun(
                sync.tenantId(),
                sync.pipelineId(),
                sync.runId().orElseThrow(),
                io.servicetsunami.ports.model.TriggerSource.MANUAL);
          }
        });

    PipelineRun run = service.execute(world.tenant, pipeline.id());

    assertThat(world.runs.all()).containsExactly(run);
  }

  @Test
  void aRunWhoseWorkflowCouldNotStartIsClosedAsFailed() {
    DataPipeline pipeline = world.agentKitPipeline(world.tenant, kit("Summarise the week"));
    world.engine.unavailable(true);

    assertThatThrownBy(() -> service.execute(world.tenant, pipeline.id()))
        .isInstanceOf(TransientException.class);

    PipelineRun run = world.runs.all().get(0);
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().orElseThrow())
        .startsWith("could not start workflow pipeline-" + pipeline.id())
        .contains("the workflow engine is unavailable");
    assertThat(run.completedAt()).contains(world.clock.peek());
  }

  @Test
  void aConnectorSyncThatCouldNotStartOpensNoRun() {
    DataPipeline pipeline =
        world.connectorPipeline(world.tenant, Optional.empty(), incrementalTable("public.orders"));
    world.engine.unavailable(true);

    assertThatThrownBy(() -> service.execute(world.tenant, pipeline.id()))
        .isInstanceOf(TransientException.class);

    assertThat(world.runs.all()).isEmpty();
  }

  @Test
  void executingADatasetPipelineWhoseDatasetIsGoneIsNotFound() {
    Dataset dataset = world.upload(world.tenant, "orders", "id\n1\n");
    DataPipeline pipeline = world.datasetPipeline(world.tenant, dataset);
    world.datasets.delete(world.tenant, dataset.id());

    assertThatThrownBy(() -> service.execute(world.tenant, pipeline.id()))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.DATASET_NOT_FOUND);
    assertThat(world.runs.all()).isEmpty();
    assertThat(world.engine.started()).isEmpty();
  }

  // ---- runs and isolation ----------------------------------------------------------------------

  @Test
  void listsRunsNewestFirstInPages() {
    DataPipeline pipeline = world.agentKitPipeline(world.tenant, kit("Summarise the week"));
    PipelineRun first = service.execute(world.tenant, pipeline.id());
    world.clock.advance(Duration.ofMinutes(1));
    PipelineRun second = service.execute(world.tenant, pipeline.id());
    world.clock.advance(Duration.ofMinutes(1));
    PipelineRun third = service.execute(world.tenant, pipeline.id());

    assertThat(service.runs(world.tenant, pipeline.id(), Page.first(10)))
        .containsExactly(third, second, first);
    assertThat(service.runs(world.tenant, pipeline.id(), new Page(1, 1))).containsExactly(second);
  }

  @Test
  void anotherTenantCanNeitherSeeNorRunNorListRunsOfThePipeline() {
    DataPipeline pipeline = world.agentKitPipeline(world.tenant, kit("Summarise the week"));
    service.execute(world.tenant, pipeline.id());

    assertThat(service.list(world.otherTenant)).isEmpty();
    assertThatThrownBy(() -> service.get(world.otherTenant, pipeline.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.execute(world.otherTenant, pipeline.id()))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.PIPELINE_NOT_FOUND);
    assertThatThrownBy(() -> service.runs(world.otherTenant, pipeline.id(), Page.first(10)))
        .isInstanceOf(NotFoundException.class);
    assertThat(world.engine.started()).hasSize(1);
  }
}
