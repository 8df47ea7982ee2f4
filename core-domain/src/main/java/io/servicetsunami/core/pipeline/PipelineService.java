package io.servicetsunami.core.pipeline;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.core.workflow.WorkflowIds;
import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.CreatePipelineUseCase;
import io.servicetsunami.ports.in.DeletePipelineUseCase;
import io.servicetsunami.ports.in.ExecutePipelineUseCase;
import io.servicetsunami.ports.in.GetPipelineUseCase;
import io.servicetsunami.ports.in.ListPipelineRunsUseCase;
import io.servicetsunami.ports.in.ListPipelinesUseCase;
import io.servicetsunami.ports.in.PausePipelineScheduleUseCase;
import io.servicetsunami.ports.model.ConnectorSyncConfig;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TriggerSource;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowRun;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.DataPipelineRepository;
import io.servicetsunami.ports.out.DatasetRepository;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.out.PipelineRunRepository;
import io.servicetsunami.ports.out.WorkflowEngine;
import io.servicetsunami.ports.out.WorkflowSchedules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant's data pipelines: creating them with their schedules, running them now, and their run
 * history.
 *
 * <p>Settings must fit the type: a {@code dataset_sync} pipeline names one of the tenant's datasets
 * and nothing else, a {@code connector_sync} pipeline has a connector config, an {@code agent_kit}
 * pipeline a well-formed kit in its config; only connector pipelines may have a schedule. Source
 * table and column names are checked against a conservative identifier pattern here, before they
 * reach a lakehouse, a connector or a workflow id (adapters still quote them); an incremental table
 * needs a primary key, because without one silver would hold only the latest increment.
 */
public final class PipelineService
    implements CreatePipelineUseCase,
        ListPipelinesUseCase,
        GetPipelineUseCase,
        DeletePipelineUseCase,
        ExecutePipelineUseCase,
        ListPipelineRunsUseCase,
        PausePipelineScheduleUseCase {

  /** One to three dot-separated parts ({@code db.schema.table}); BigQuery projects have dashes. */
  private static final Pattern TABLE =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,127}(\\.[A-Za-z_][A-Za-z0-9_$-]{0,127}){0,2}");

  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,127}");

  private final DataPipelineRepository pipelines;
  private final PipelineRunRepository runs;
  private final DatasetRepository datasets;
  private final WorkflowEngine workflows;
  private final WorkflowSchedules schedules;
  private final Clock clock;
  private final IdGenerator ids;

  public PipelineService(
      DataPipelineRepository pipelines,
      PipelineRunRepository runs,
      DatasetRepository datasets,
      WorkflowEngine workflows,
      WorkflowSchedules schedules,
      Clock clock,
      IdGenerator ids) {
    this.pipelines = requireNonNull(pipelines, "pipelines is null");
    this.runs = requireNonNull(runs, "runs is null");
    this.datasets = requireNonNull(datasets, "datasets is null");
    this.workflows = requireNonNull(workflows, "workflows is null");
    this.schedules = requireNonNull(schedules, "schedules is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.ids = requireNonNull(ids, "ids is null");
  }

  /** The id of a pipeline's schedule: {@code pipeline-schedule-{pipeline_id}}. */
  public static String scheduleId(PipelineId pipeline) {
    return "pipeline-schedule-" + pipeline;
  }

  @Override
  public DataPipeline create(CreatePipelineCommand command) {
    requireNonNull(command, "command is null");
    if (command.name().isBlank()) {
      throw invalid("name must not be blank");
    }
    Instant now = clock.now();
    DataPipeline pipeline;
    try {
      pipeline =
          new DataPipeline(
              new PipelineId(ids.newId()),
              command.tenantId(),
              command.name().strip(),
              command.type(),
              command.config(),
              command.datasetId(),
              command.connector(),
              command.schedule(),
              now,
              now);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    requireFitsType(pipeline);
    if (pipeline.datasetId().isPresent()) {
      requireDataset(pipeline.tenantId(), pipeline.datasetId().get());
    }
    DataPipeline created = pipelines.create(pipeline);
    if (created.schedule().isPresent()) {
      try {
        ensureSchedule(created);
      } catch (RuntimeException e) {
        // A pipeline that says it is scheduled but is not would never run by itself, and the
        // caller, told creation failed, would not expect it to exist: take it back.
        try {
          pipelines.delete(created.tenantId(), created.id());
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
    }
    return created;
  }

  /**
   * Ensures the schedule of every scheduled pipeline of every tenant, as {@link
   * WorkflowSchedules#ensure} asks to be done at start-up. Returns how many were ensured.
   */
  public int ensureSchedules() {
    List<DataPipeline> scheduled = pipelines.listScheduled();
    scheduled.forEach(this::ensureSchedule);
    return scheduled.size();
  }

  @Override
  public List<DataPipeline> list(TenantId tenant) {
    return pipelines.list(tenant);
  }

  @Override
  public DataPipeline get(TenantId tenant, PipelineId id) {
    return pipelines
        .find(tenant, id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.PIPELINE_NOT_FOUND, "pipeline " + id + " not found"));
  }

  @Override
  public void delete(TenantId tenant, PipelineId id) {
    // Ownership first: schedule ids do not name the tenant, so another tenant's id must not reach
    // the scheduler.
    DataPipeline pipeline = get(tenant, id);
    // The schedule goes first (and whether or not the pipeline has one now): a schedule that
    // outlived its pipeline would keep starting syncs of nothing.
    schedules.delete(scheduleId(pipeline.id()));
    pipelines.delete(tenant, id);
  }

  @Override
  public PipelineRun execute(TenantId tenant, PipelineId id) {
    DataPipeline pipeline = get(tenant, id);
    RunId run = new RunId(ids.newId());
    return switch (pipeline.type()) {
      case DATASET_SYNC -> {
        DatasetId dataset = pipeline.datasetId().orElseThrow();
        requireDataset(tenant, dataset);
        yield openAndStart(
            pipeline,
            run,
            WorkflowIds.datasetSync(dataset, run),
            new WorkflowInput.DatasetSync(tenant, dataset, run, Optional.of(pipeline.id())));
      }
      case AGENT_KIT ->
          openAndStart(
              pipeline,
              run,
              WorkflowIds.agentKit(pipeline.id(), run),
              new WorkflowInput.AgentKitExecution(tenant, pipeline.id(), run));
      case CONNECTOR_SYNC -> executeConnectorSync(pipeline, run);
    };
  }

  @Override
  public DataPipeline pause(TenantId tenant, PipelineId id) {
    return setPaused(tenant, id, true);
  }

  @Override
  public DataPipeline resume(TenantId tenant, PipelineId id) {
    return setPaused(tenant, id, false);
  }

  /**
   * Stores the flag first, then hands the scheduler the new spec: should the second step fail,
   * start-up's {@link #ensureSchedules} brings the scheduler in line with what is stored.
   */
  private DataPipeline setPaused(TenantId tenant, PipelineId id, boolean paused) {
    DataPipeline pipeline = get(tenant, id);
    Schedule schedule =
        pipeline
            .schedule()
            .orElseThrow(() -> invalid("pipeline " + id + " has no schedule to pause or resume"));
    Schedule changed =
        schedule instanceof Schedule.Cron cron
            ? new Schedule.Cron(cron.expression(), paused)
            : new Schedule.Interval(((Schedule.Interval) schedule).every(), paused);
    DataPipeline updated =
        schedule.paused() == paused
            ? pipeline
            : pipelines.update(
                new DataPipeline(
                    pipeline.id(),
                    pipeline.tenantId(),
                    pipeline.name(),
                    pipeline.type(),
                    pipeline.config(),
                    pipeline.datasetId(),
                    pipeline.connector(),
                    Optional.of(changed),
                    pipeline.createdAt(),
                    clock.now()));
    ensureSchedule(updated);
    return updated;
  }

  @Override
  public List<PipelineRun> runs(TenantId tenant, PipelineId id, Page page) {
    requireNonNull(page, "page is null");
    get(tenant, id);
    return runs.listByPipeline(tenant, id, page);
  }

  /**
   * A connector sync runs under the pipeline's one {@code scheduled-sync-{id}} workflow, shared
   * with its schedule, so the start goes first: if a sync is running already, the request is
   * refused and no run is left behind that no workflow would ever close.
   */
  private PipelineRun executeConnectorSync(DataPipeline pipeline, RunId run) {
    String workflowId = WorkflowIds.scheduledSync(pipeline.id());
    WorkflowRun started =
        workflows.start(
            workflowId,
            new WorkflowInput.ScheduledSync(pipeline.tenantId(), pipeline.id(), Optional.of(run)));
    if (started.alreadyRunning()) {
      throw new ConflictException(
          ErrorCode.ALREADY_EXISTS, "a sync of this pipeline is already running");
    }
    // The workflow's start_scheduled_run may have opened the run already; create is idempotent.
    return runs.create(
        Runs.opened(
            run,
            pipeline.id(),
            pipeline.tenantId(),
            TriggerSource.MANUAL,
            workflowId,
            clock.now()));
  }

  /**
   * Opens the run before its workflow starts, so the workflow's steps find it. If the start fails
   * the run would stay {@code running} for ever, so it is closed as failed with the reason and the
   * engine's error is rethrown.
   */
  private PipelineRun openAndStart(
      DataPipeline pipeline, RunId run, String workflowId, WorkflowInput input) {
    PipelineRun opened =
        runs.create(
            Runs.opened(
                run,
                pipeline.id(),
                pipeline.tenantId(),
                TriggerSource.MANUAL,
                workflowId,
                clock.now()));
    try {
      workflows.start(workflowId, input);
    } catch (RuntimeException e) {
      try {
        runs.update(
            Runs.closed(
                opened,
                Optional.of("could not start workflow " + workflowId + ": " + e.getMessage()),
                Map.of(),
                clock.now()));
      } catch (RuntimeException cleanup) {
        // The caller must learn why the start failed, not why the clean-up did.
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return opened;
  }

  private void ensureSchedule(DataPipeline pipeline) {
    schedules.ensure(
        scheduleId(pipeline.id()),
        pipeline.schedule().orElseThrow(),
        WorkflowIds.scheduledSync(pipeline.id()),
        new WorkflowInput.ScheduledSync(pipeline.tenantId(), pipeline.id(), Optional.empty()));
  }

  private static void requireFitsType(DataPipeline pipeline) {
    PipelineType type = pipeline.type();
    if (type != PipelineType.DATASET_SYNC && pipeline.datasetId().isPresent()) {
      throw invalid("only a dataset_sync pipeline has a dataset");
    }
    if (type != PipelineType.CONNECTOR_SYNC && pipeline.connector().isPresent()) {
      throw invalid("only a connector_sync pipeline has a connector config");
    }
    if (type != PipelineType.CONNECTOR_SYNC && pipeline.schedule().isPresent()) {
      throw invalid("only a connector_sync pipeline can have a schedule");
    }
    if (type == PipelineType.AGENT_KIT) {
      AgentKit.parse(pipeline.config());
    }
    pipeline.connector().ifPresent(PipelineService::requireSafeTables);
  }

  private static void requireSafeTables(ConnectorSyncConfig connector) {
    for (TableSync table : connector.tables()) {
      if (!TABLE.matcher(table.table()).matches()) {
        throw invalid("not a valid table name: " + quoted(table.table()));
      }
      for (String column : table.primaryKey()) {
        requireColumn(table, column);
      }
      table.watermarkColumn().ifPresent(column -> requireColumn(table, column));
      table.deletedFlagColumn().ifPresent(column -> requireColumn(table, column));
      if (table.mode() == SyncMode.INCREMENTAL && table.primaryKey().isEmpty()) {
        throw invalid("incremental sync of " + table.table() + " needs a primary key");
      }
    }
  }

  private static void requireColumn(TableSync table, String column) {
    if (!COLUMN.matcher(column).matches()) {
      throw invalid("not a valid column name in " + table.table() + ": " + quoted(column));
    }
  }

  /** Bounded, so that a hostile name cannot flood a log line or an error response. */
  private static String quoted(String name) {
    return "'" + (name.length() > 80 ? name.substring(0, 80) + "…" : name) + "'";
  }

  private void requireDataset(TenantId tenant, DatasetId dataset) {
    if (datasets.find(tenant, dataset).isEmpty()) {
      throw new NotFoundException(ErrorCode.DATASET_NOT_FOUND, "dataset " + dataset + " not found");
    }
  }

  private static InvalidInputException invalid(String message) {
    return new InvalidInputException(ErrorCode.INVALID_INPUT, message);
  }
}
