package io.servicetsunami.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.in.CreatePipelineUseCase;
import io.servicetsunami.ports.in.CreatePipelineUseCase.CreatePipelineCommand;
import io.servicetsunami.ports.in.DeletePipelineUseCase;
import io.servicetsunami.ports.in.ExecutePipelineUseCase;
import io.servicetsunami.ports.in.GetPipelineUseCase;
import io.servicetsunami.ports.in.ListPipelineRunsUseCase;
import io.servicetsunami.ports.in.ListPipelinesUseCase;
import io.servicetsunami.ports.model.ConnectorSyncConfig;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.out.Page;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant's data pipelines: create, list, get, delete, execute now (202 with the run, which
 * carries its workflow id) and the run history ({@code skip}/{@code limit}, newest first).
 *
 * <p>A pipeline has a {@code type} ({@code dataset_sync}, {@code connector_sync}, {@code
 * agent_kit}) and the settings of that type: {@code dataset_id}; {@code connector} with its {@code
 * tables}; or the kit bundle in {@code config}. Only connector pipelines take a {@code schedule},
 * either {@code {"cron": "0 * * * *"}} or {@code {"interval_seconds": 3600}}, optionally {@code
 * "paused": true}. Runs are {@code running}, {@code completed}, {@code failed} or {@code
 * cancelled}.
 */
public final class PipelineRoutes implements RouteGroup {

  static final int DEFAULT_LIMIT = 50;

  record TableRequest(
      String table,
      String mode,
      List<String> primaryKey,
      String watermarkColumn,
      Long overlapSeconds) {

    TableSync toTable(int index) {
      String field = "connector.tables[" + index + "]";
      String name = AuthRoutes.required(table, field + ".table");
      SyncMode syncMode =
          mode == null
              ? SyncMode.FULL
              : Requests.wireEnum(mode, field + ".mode", SyncMode::fromWire);
      if (overlapSeconds != null && overlapSeconds < 0) {
        throw invalid(field + ".overlap_seconds must not be negative");
      }
      try {
        return new TableSync(
            name,
            syncMode,
            primaryKey == null ? List.of() : primaryKey,
            Optional.ofNullable(watermarkColumn).filter(c -> !c.isBlank()),
            Duration.ofSeconds(overlapSeconds == null ? 0 : overlapSeconds));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw invalid("invalid field: " + field + " (" + e.getMessage() + ")");
      }
    }

    static TableRequest of(TableSync table) {
      return new TableRequest(
          table.table(),
          table.mode().wire(),
          table.primaryKey(),
          table.watermarkColumn().orElse(null),
          table.overlap().toSeconds());
    }
  }

  record ConnectorRequest(String connectorType, String connectionSkill, List<TableRequest> tables) {

    ConnectorSyncConfig toConfig() {
      ConnectorType type =
          Requests.wireEnum(
              AuthRoutes.required(connectorType, "connector.connector_type"),
              "connector.connector_type",
              ConnectorType::fromWire);
      String skill = AuthRoutes.required(connectionSkill, "connector.connection_skill");
      if (tables == null || tables.isEmpty()) {
        throw invalid("invalid field: connector.tables (at least one table is required)");
      }
      List<TableSync> parsed = new ArrayList<>();
      for (int i = 0; i < tables.size(); i++) {
        if (tables.get(i) == null) {
          throw invalid("invalid field: connector.tables[" + i + "]");
        }
        parsed.add(tables.get(i).toTable(i));
      }
      try {
        return new ConnectorSyncConfig(type, skill, parsed);
      } catch (IllegalArgumentException e) {
        throw invalid("invalid field: connector.tables (" + e.getMessage() + ")");
      }
    }

    static ConnectorRequest of(ConnectorSyncConfig config) {
      return new ConnectorRequest(
          config.connectorType().wire(),
          config.connectionSkill(),
          config.tables().stream().map(TableRequest::of).toList());
    }
  }

  record ScheduleRequest(String cron, Long intervalSeconds, Boolean paused) {

    Schedule toSchedule() {
      boolean isPaused = Boolean.TRUE.equals(paused);
      if ((cron == null) == (intervalSeconds == null)) {
        throw invalid("invalid field: schedule (give exactly one of cron, interval_seconds)");
      }
      try {
        return cron != null
            ? new Schedule.Cron(cron, isPaused)
            : new Schedule.Interval(Duration.ofSeconds(intervalSeconds), isPaused);
      } catch (IllegalArgumentException e) {
        throw invalid("invalid field: schedule (" + e.getMessage() + ")");
      }
    }

    static ScheduleRequest of(Schedule schedule) {
      if (schedule instanceof Schedule.Cron cron) {
        return new ScheduleRequest(cron.expression(), null, cron.paused());
      }
      Schedule.Interval interval = (Schedule.Interval) schedule;
      return new ScheduleRequest(null, interval.every().toSeconds(), interval.paused());
    }
  }

  record PipelineRequest(
      String name,
      String type,
      Map<String, Object> config,
      String datasetId,
      ConnectorRequest connector,
      ScheduleRequest schedule) {

    CreatePipelineCommand toCommand(Principal principal) {
      return new CreatePipelineCommand(
          principal.tenantId(),
          AuthRoutes.required(name, "name"),
          Requests.wireEnum(AuthRoutes.required(type, "type"), "type", PipelineType::fromWire),
          config == null ? Map.of() : config,
          Optional.ofNullable(datasetId).map(PipelineRequest::dataset),
          Optional.ofNullable(connector).map(ConnectorRequest::toConfig),
          Optional.ofNullable(schedule).map(ScheduleRequest::toSchedule));
    }

    private static DatasetId dataset(String id) {
      try {
        return DatasetId.parse(id);
      } catch (IllegalArgumentException e) {
        throw invalid("invalid field: dataset_id (not an id)");
      }
    }
  }

  record PipelineResponse(
      String id,
      String tenantId,
      String name,
      String type,
      Map<String, Object> config,
      String datasetId,
      ConnectorRequest connector,
      ScheduleRequest schedule,
      Instant createdAt,
      Instant updatedAt) {

    static PipelineResponse of(DataPipeline pipeline) {
      return new PipelineResponse(
          pipeline.id().toString(),
          pipeline.tenantId().toString(),
          pipeline.name(),
          pipeline.type().wire(),
          pipeline.config(),
          pipeline.datasetId().map(DatasetId::toString).orElse(null),
          pipeline.connector().map(ConnectorRequest::of).orElse(null),
          pipeline.schedule().map(ScheduleRequest::of).orElse(null),
          pipeline.createdAt(),
          pipeline.updatedAt());
    }
  }

  record RunResponse(
      String id,
      String pipelineId,
      String tenantId,
      String status,
      String trigger,
      String workflowId,
      Map<String, Object> output,
      String error,
      Instant startedAt,
      Instant completedAt,
      Long durationMs) {

    static RunResponse of(PipelineRun run) {
      return new RunResponse(
          run.id().toString(),
          run.pipelineId().toString(),
          run.tenantId().toString(),
          run.status().wire(),
          run.trigger().wire(),
          run.workflowId(),
          run.output(),
          run.error().orElse(null),
          run.startedAt(),
          run.completedAt().orElse(null),
          run.duration().map(Duration::toMillis).orElse(null));
    }
  }

  private final ObjectMapper mapper;
  private final CreatePipelineUseCase create;
  private final ListPipelinesUseCase list;
  private final GetPipelineUseCase get;
  private final DeletePipelineUseCase delete;
  private final ExecutePipelineUseCase execute;
  private final ListPipelineRunsUseCase runs;

  @Inject
  public PipelineRoutes(
      ObjectMapper mapper,
      CreatePipelineUseCase create,
      ListPipelinesUseCase list,
      GetPipelineUseCase get,
      DeletePipelineUseCase delete,
      ExecutePipelineUseCase execute,
      ListPipelineRunsUseCase runs) {
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.create = requireNonNull(create, "create is null");
    this.list = requireNonNull(list, "list is null");
    this.get = requireNonNull(get, "get is null");
    this.delete = requireNonNull(delete, "delete is null");
    this.execute = requireNonNull(execute, "execute is null");
    this.runs = requireNonNull(runs, "runs is null");
  }

  @Override
  public void register(ApiRoutes routes) {
    String pipelines = ApiRoutes.API + "/data-pipelines";
    routes.post(pipelines, this::create);
    routes.get(pipelines, this::list);
    routes.get(pipelines + "/{id}", this::get);
    routes.delete(pipelines + "/{id}", this::delete);
    routes.post(pipelines + "/{id}/execute", this::execute);
    routes.get(pipelines + "/{id}/runs", this::runs);
  }

  void create(Context ctx, Principal principal) {
    PipelineRequest request = Json.body(mapper, ctx, PipelineRequest.class);
    ctx.status(201).json(PipelineResponse.of(create.create(request.toCommand(principal))));
  }

  void list(Context ctx, Principal principal) {
    ctx.json(list.list(principal.tenantId()).stream().map(PipelineResponse::of).toList());
  }

  void get(Context ctx, Principal principal) {
    ctx.json(PipelineResponse.of(get.get(principal.tenantId(), id(ctx))));
  }

  void delete(Context ctx, Principal principal) {
    delete.delete(principal.tenantId(), id(ctx));
    ctx.status(204);
  }

  void execute(Context ctx, Principal principal) {
    // The run is open and its workflow started: accepted, not yet done.
    ctx.status(202).json(RunResponse.of(execute.execute(principal.tenantId(), id(ctx))));
  }

  void runs(Context ctx, Principal principal) {
    PipelineId id = id(ctx);
    int skip = Requests.queryInt(ctx, "skip", 0, 0, Integer.MAX_VALUE);
    int limit = Requests.queryInt(ctx, "limit", DEFAULT_LIMIT, 1, Page.MAX_LIMIT);
    ctx.json(
        runs.runs(principal.tenantId(), id, new Page(skip, limit)).stream()
            .map(RunResponse::of)
            .toList());
  }

  private static PipelineId id(Context ctx) {
    return Requests.id(ctx, "id", PipelineId::parse, ErrorCode.PIPELINE_NOT_FOUND);
  }

  private static InvalidInputException invalid(String message) {
    return new InvalidInputException(ErrorCode.INVALID_INPUT, message);
  }
}
