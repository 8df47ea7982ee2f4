package io.servicetsunami.core.pipeline;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.core.workflow.WorkflowIds;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.in.DataSyncSteps;
import io.servicetsunami.ports.in.SubmitTaskUseCase;
import io.servicetsunami.ports.model.ChatSession;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.ConnectorSyncConfig;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.EntityId;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.KnowledgeRelation;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.RelationId;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.SyncStatus;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TriggerSource;
import io.servicetsunami.ports.model.Watermark;
import io.servicetsunami.ports.out.ChatSessionRepository;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.DataPipelineRepository;
import io.servicetsunami.ports.out.DatasetFileStore;
import io.servicetsunami.ports.out.DatasetRepository;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.KnowledgeGraphRepository;
import io.servicetsunami.ports.out.Lakehouse;
import io.servicetsunami.ports.out.Lakehouse.Load;
import io.servicetsunami.ports.out.Lakehouse.TableInfo;
import io.servicetsunami.ports.out.LlmClient;
import io.servicetsunami.ports.out.PipelineRunRepository;
import io.servicetsunami.ports.out.SkillCredentialRepository;
import io.servicetsunami.ports.out.SourceConnector;
import io.servicetsunami.ports.out.SourceConnector.ExtractRequest;
import io.servicetsunami.ports.out.SourceConnector.ExtractSummary;
import io.servicetsunami.ports.out.WatermarkRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The steps of the five data workflows. Every step reads what it needs afresh, scoped by the
 * tenant, and is idempotent for the same run:
 *
 * <ul>
 *   <li>Lakehouse writes are keyed by a load id derived from the run ({@code run-{run_id}} for a
 *       dataset, {@code {run_id}:{table}} for a connector table), so staging again replaces what
 *       was staged and committing again appends nothing.
 *   <li>A table's watermark is written only by {@code update_sync_metadata}, the last step, so it
 *       never runs ahead of what silver holds; a retried extract reads the old one again.
 *   <li>Knowledge is stored under ids derived from the tenant and the entity's normalised name and
 *       type, and a session is marked extracted last: a retry merges into what the first attempt
 *       stored, a session already extracted is left alone.
 *   <li>An agent kit records each submitted task's id in its run before the next is submitted, and
 *       a retry submits only the tasks not yet recorded.
 * </ul>
 *
 * <p>Connection credentials are decrypted only inside {@code extract_from_connector}, handed to the
 * connector and dropped; no step returns them, and step results (which a workflow engine keeps in
 * its history) hold counts, names and watermarks only.
 */
public final class DataSyncStepsService implements DataSyncSteps {

  private final DataPipelineRepository pipelines;
  private final PipelineRunRepository runs;
  private final DatasetRepository datasets;
  private final DatasetFileStore files;
  private final Lakehouse lakehouse;
  private final Map<ConnectorType, SourceConnector> connectors;
  private final SkillCredentialRepository credentials;
  private final CredentialCipher cipher;
  private final WatermarkRepository watermarks;
  private final ChatSessionRepository sessions;
  private final KnowledgeGraphRepository knowledge;
  private final LlmClient llm;
  private final String knowledgeModel;
  private final SubmitTaskUseCase submitTask;
  private final Clock clock;
  private final IdGenerator ids;

  /**
   * @param connectors at most one per {@link ConnectorType}
   * @param knowledgeModel the model that extracts knowledge from chat sessions
   */
  public DataSyncStepsService(
      DataPipelineRepository pipelines,
      PipelineRunRepository runs,
      DatasetRepository datasets,
      DatasetFileStore files,
      Lakehouse lakehouse,
      List<SourceConnector> connectors,
      SkillCredentialRepository credentials,
      CredentialCipher cipher,
      WatermarkRepository watermarks,
      ChatSessionRepository sessions,
      KnowledgeGraphRepository knowledge,
      LlmClient llm,
      String knowledgeModel,
      SubmitTaskUseCase submitTask,
      Clock clock,
      IdGenerator ids) {
    this.pipelines = requireNonNull(pipelines, "pipelines is null");
    this.runs = requireNonNull(runs, "runs is null");
    this.datasets = requireNonNull(datasets, "datasets is null");
    this.files = requireNonNull(files, "files is null");
    this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    this.connectors = byType(requireNonNull(connectors, "connectors is null"));
    this.credentials = requireNonNull(credentials, "credentials is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
    this.watermarks = requireNonNull(watermarks, "watermarks is null");
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.knowledge = requireNonNull(knowledge, "knowledge is null");
    this.llm = requireNonNull(llm, "llm is null");
    this.knowledgeModel = requireNonNull(knowledgeModel, "knowledgeModel is null");
    if (knowledgeModel.isBlank()) {
      throw new IllegalArgumentException("knowledgeModel is blank");
    }
    this.submitTask = requireNonNull(submitTask, "submitTask is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.ids = requireNonNull(ids, "ids is null");
  }

  /** The load id of a dataset sync run. */
  static String datasetLoadId(RunId run) {
    return "run-" + run;
  }

  private static Load load(TenantId tenant, PipelineId pipeline, String table, RunId run) {
    return new Load(tenant, LakehouseTables.of(pipeline, table), tableLoadId(run, table));
  }

  /** The load id of one connector table in a run. */
  static String tableLoadId(RunId run, String table) {
    return run + ":" + table;
  }

  // ---- DatasetSyncWorkflow ---------------------------------------------------------------------

  /**
   * Returns the rows of the uploaded file. The dataset is {@code syncing} from here until {@code
   * update_dataset_metadata} (or {@code failed}, when {@link #finishRun} reports an error).
   */
  @Override
  public long syncToBronze(TenantId tenant, DatasetId datasetId, RunId run) {
    Dataset dataset = dataset(tenant, datasetId);
    Load load = new Load(tenant, LakehouseTables.of(dataset), datasetLoadId(run));
    long rows;
    try (InputStream content = files.open(tenant, dataset.storageRef())) {
      rows = lakehouse.stageFile(load, dataset.format(), content);
    } catch (IOException e) {
      throw new UncheckedIOException("could not close the upload of dataset " + datasetId, e);
    }
    TableInfo bronze = lakehouse.commitToBronze(load);
    Instant now = clock.now();
    datasets.update(
        copy(
            dataset,
            SyncStatus.SYNCING,
            dataset.rowCount(),
            Optional.of(bronze.qualifiedName()),
            dataset.silverTable(),
            Optional.empty(),
            dataset.lastSyncedAt(),
            now));
    return rows;
  }

  /** Rebuilds silver as the latest load: an uploaded file has no primary key to merge by. */
  @Override
  public long transformToSilver(TenantId tenant, DatasetId datasetId, RunId run) {
    Dataset dataset = dataset(tenant, datasetId);
    return lakehouse
        .mergeToSilver(tenant, LakehouseTables.of(dataset), List.of(), Optional.empty())
        .rowCount();
  }

  @Override
  public void updateDatasetMetadata(TenantId tenant, DatasetId datasetId, RunId run) {
    Dataset dataset = dataset(tenant, datasetId);
    String table = LakehouseTables.of(dataset);
    TableInfo silver =
        lakehouse
            .describeSilver(tenant, table)
            .orElseThrow(
                () ->
                    new PermanentException(
                        ErrorCode.INTERNAL,
                        "dataset "
                            + datasetId
                            + " has no silver table: transform_to_silver has"
                            + " not run"));
    String bronze =
        dataset
            .bronzeTable()
            .orElseThrow(
                () ->
                    new PermanentException(
                        ErrorCode.INTERNAL,
                        "dataset "
                            + datasetId
                            + " has no bronze table: sync_to_bronze has not run"));
    Instant now = clock.now();
    datasets.update(
        copy(
            dataset,
            SyncStatus.SYNCED,
            silver.rowCount(),
            Optional.of(bronze),
            Optional.of(silver.qualifiedName()),
            Optional.empty(),
            Optional.of(now),
            now));
    // A dataset synced outside a pipeline has no run; one started from a pipeline is closed here.
    runs.find(tenant, run)
        .filter(open -> !open.status().isTerminal())
        .ifPresent(
            open ->
                runs.update(
                    Runs.closed(
                        open,
                        Optional.empty(),
                        Map.of(
                            "rows", silver.rowCount(),
                            "bronze_table", bronze,
                            "silver_table", silver.qualifiedName()),
                        now)));
  }

  // ---- DataSourceSyncWorkflow ------------------------------------------------------------------

  /**
   * Returns {@code {"rows": n, "max_watermark": "…" | null}}; the watermark is what {@code
   * update_sync_metadata} should store once silver is written. For an incremental table the stored
   * watermark is passed on only if it was kept for the same column: after the watermark column
   * changes, the next extract reads the table whole.
   */
  @Override
  public Map<String, Object> extractFromConnector(
      TenantId tenant, PipelineId pipelineId, String table, RunId run) {
    DataPipeline pipeline = pipeline(tenant, pipelineId);
    ConnectorSyncConfig config = connectorConfig(pipeline);
    TableSync sync = tableSync(pipeline, config, table);
    SourceConnector connector = connectors.get(config.connectorType());
    if (connector == null) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED,
          "no connector for " + config.connectorType().wire() + " is installed");
    }
    Optional<String> since = Optional.empty();
    if (sync.mode() == SyncMode.INCREMENTAL) {
      since =
          watermarks
              .find(tenant, pipelineId, table)
              .filter(mark -> sync.watermarkColumn().equals(Optional.of(mark.column())))
              .map(Watermark::value);
    }
    ExtractSummary summary =
        connector.extract(
            connection(tenant, config),
            new ExtractRequest(sync, since),
            lakehouse.openStaging(load(tenant, pipelineId, table, run)));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rows", summary.rows());
    result.put("max_watermark", summary.maxWatermark().orElse(null));
    return result;
  }

  /** Returns the rows now in the bronze table. */
  @Override
  public long loadToBronze(TenantId tenant, PipelineId pipelineId, String table, RunId run) {
    DataPipeline pipeline = pipeline(tenant, pipelineId);
    tableSync(pipeline, connectorConfig(pipeline), table);
    return lakehouse.commitToBronze(load(tenant, pipelineId, table, run)).rowCount();
  }

  /**
   * Returns the rows now in the silver table. Where the source reports deletes through a flag
   * column, keys whose latest version is flagged leave silver.
   */
  @Override
  public long loadToSilver(TenantId tenant, PipelineId pipelineId, String table, RunId run) {
    DataPipeline pipeline = pipeline(tenant, pipelineId);
    TableSync sync = tableSync(pipeline, connectorConfig(pipeline), table);
    return lakehouse
        .mergeToSilver(
            tenant,
            LakehouseTables.of(pipelineId, table),
            sync.primaryKey(),
            sync.deletedFlagColumn())
        .rowCount();
  }

  /**
   * Stores {@code watermark} for an incremental table; without one (a full sync, or nothing read)
   * the stored watermark stays. A lower value than the stored one is stored as given: it can only
   * make the next extract read more, never skip rows.
   */
  @Override
  public void updateSyncMetadata(
      TenantId tenant, PipelineId pipelineId, String table, RunId run, Optional<String> watermark) {
    requireNonNull(watermark, "watermark is null");
    DataPipeline pipeline = pipeline(tenant, pipelineId);
    TableSync sync = tableSync(pipeline, connectorConfig(pipeline), table);
    if (watermark.isEmpty() || sync.watermarkColumn().isEmpty()) {
      return;
    }
    watermarks.save(
        new Watermark(
            tenant, pipelineId, table, sync.watermarkColumn().get(), watermark.get(), clock.now()));
  }

  // ---- ScheduledSyncWorkflow and run bookkeeping -----------------------------------------------

  /**
   * Opens the run unless it exists (a manual execution may have opened it already), and returns the
   * pipeline's tables in their configured order.
   */
  @Override
  public List<String> startScheduledRun(
      TenantId tenant, PipelineId pipelineId, RunId run, TriggerSource trigger) {
    DataPipeline pipeline = pipeline(tenant, pipelineId);
    ConnectorSyncConfig config = connectorConfig(pipeline);
    if (runs.find(tenant, run).isEmpty()) {
      runs.create(
          Runs.opened(
              run,
              pipelineId,
              tenant,
              trigger,
              WorkflowIds.scheduledSync(pipelineId),
              clock.now()));
    }
    return config.tables().stream().map(TableSync::table).toList();
  }

  /**
   * Closes the run; a run already closed is left as it is, and an unknown run (a dataset synced
   * outside any pipeline has none) is ignored. A failed run of a dataset pipeline also marks its
   * dataset {@code failed} with the error, so it does not stay {@code syncing}.
   */
  @Override
  public void finishRun(
      TenantId tenant, RunId runId, Optional<String> error, Map<String, Object> output) {
    requireNonNull(error, "error is null");
    requireNonNull(output, "output is null");
    Optional<PipelineRun> found = runs.find(tenant, runId);
    if (found.isEmpty() || found.get().status().isTerminal()) {
      return;
    }
    PipelineRun run = found.get();
    Instant now = clock.now();
    runs.update(Runs.closed(run, error, output, now));
    if (error.isPresent()) {
      pipelines
          .find(tenant, run.pipelineId())
          .filter(pipeline -> pipeline.type() == PipelineType.DATASET_SYNC)
          .flatMap(DataPipeline::datasetId)
          .flatMap(dataset -> datasets.find(tenant, dataset))
          .ifPresent(
              dataset ->
                  datasets.update(
                      copy(
                          dataset,
                          SyncStatus.FAILED,
                          dataset.rowCount(),
                          dataset.bronzeTable(),
                          dataset.silverTable(),
                          error,
                          dataset.lastSyncedAt(),
                          now)));
    }
  }

  // ---- KnowledgeExtractionWorkflow -------------------------------------------------------------

  /**
   * Asks the model for entities and relations in the session's bounded transcript (see {@link
   * KnowledgePrompt}), stores the entities with source {@code <source>:<conversation id>} and the
   * relations whose ends are both among them, then marks the session extracted. Returns the number
   * of distinct entities stored; 0, calling nothing, for a session already extracted.
   */
  @Override
  public int extractKnowledgeFromSession(TenantId tenant, ChatSessionId sessionId) {
    ChatSession session =
        sessions
            .find(tenant, sessionId)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.CHAT_SESSION_NOT_FOUND,
                        "chat session " + sessionId + " not found"));
    if (session.extractedAt().isPresent()) {
      return 0;
    }
    String transcript = KnowledgePrompt.transcript(session.messages());
    if (transcript.isEmpty()) {
      sessions.markExtracted(tenant, sessionId, clock.now());
      return 0;
    }
    LlmClient.Response response =
        llm.complete(KnowledgePrompt.request(knowledgeModel, session, transcript));
    Map<String, Object> answer =
        response
            .structured()
            .orElseThrow(
                () ->
                    new PermanentException(
                        ErrorCode.LLM_REJECTED,
                        "the model gave no structured answer for chat session " + sessionId));

    Instant now = clock.now();
    String source = session.source().wire() + ":" + session.externalId();
    Map<String, EntityId> byName = new LinkedHashMap<>();
    Set<EntityId> stored = new LinkedHashSet<>();
    for (KnowledgePrompt.FoundEntity found : KnowledgePrompt.entities(answer)) {
      Map<String, Object> attributes =
          found
              .description()
              .<Map<String, Object>>map(d -> Map.of("description", d))
              .orElse(Map.of());
      KnowledgeEntity entity =
          knowledge.upsertEntity(
              new KnowledgeEntity(
                  new EntityId(
                      ids.idFor(
                          "knowledge-entity:"
                              + tenant
                              + ":"
                              + found.type()
                              + ":"
                              + KnowledgeEntity.normalize(found.name()))),
                  tenant,
                  found.name(),
                  found.type(),
                  attributes,
                  found.confidence(),
                  Optional.of(source),
                  now,
                  now));
      stored.add(entity.id());
      byName.putIfAbsent(KnowledgeEntity.normalize(found.name()), entity.id());
    }
    for (KnowledgePrompt.FoundRelation found : KnowledgePrompt.relations(answer)) {
      EntityId from = byName.get(KnowledgeEntity.normalize(found.from()));
      EntityId to = byName.get(KnowledgeEntity.normalize(found.to()));
      if (from == null || to == null) {
        continue;
      }
      knowledge.upsertRelation(
          new KnowledgeRelation(
              new RelationId(
                  ids.idFor(
                      "knowledge-relation:" + tenant + ":" + from + ":" + to + ":" + found.type())),
              tenant,
              from,
              to,
              found.type(),
              found.strength(),
              now));
    }
    sessions.markExtracted(tenant, sessionId, clock.now());
    return stored.size();
  }

  // ---- AgentKitExecutionWorkflow ---------------------------------------------------------------

  /**
   * Submits the kit's tasks in order and returns {@code {"task_ids": [...]}}. Each task's id is
   * recorded in the run's output before the next task is submitted; a retry skips the tasks already
   * recorded, and a run already closed submits nothing more. Task ids are derived from the run and
   * the task's position, so a crash between a submit and its record submits nothing twice either.
   *
   * @throws InvalidInputException {@code invalid_input} for a malformed kit, before any submit
   */
  @Override
  public Map<String, Object> executeAgentKit(TenantId tenant, PipelineId pipelineId, RunId runId) {
    DataPipeline pipeline = pipeline(tenant, pipelineId);
    if (pipeline.type() != PipelineType.AGENT_KIT) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT, "pipeline " + pipelineId + " is not an agent kit");
    }
    AgentKit kit = AgentKit.parse(pipeline.config());
    PipelineRun run =
        runs.find(tenant, runId)
            .filter(found -> found.pipelineId().equals(pipelineId))
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.PIPELINE_RUN_NOT_FOUND,
                        "run " + runId + " of pipeline " + pipelineId + " not found"));
    List<String> taskIds = recordedTaskIds(run);
    if (run.status().isTerminal()) {
      return Map.of("task_ids", taskIds);
    }
    for (int index = taskIds.size(); index < kit.tasks().size(); index++) {
      SubmitTaskUseCase.SubmittedTask submitted =
          submitTask.submit(
              kit.command(
                  tenant,
                  pipelineId,
                  runId,
                  index,
                  new TaskId(ids.idFor("agent-kit-task:" + runId + ":" + index))));
      taskIds.add(submitted.task().id().toString());
      Map<String, Object> output = new LinkedHashMap<>(run.output());
      output.put("task_ids", List.copyOf(taskIds));
      run = runs.update(Runs.withOutput(run, output));
    }
    return Map.of("task_ids", List.copyOf(taskIds));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static List<String> recordedTaskIds(PipelineRun run) {
    List<String> taskIds = new ArrayList<>();
    if (run.output().get("task_ids") instanceof List<?> recorded) {
      recorded.forEach(id -> taskIds.add(String.valueOf(id)));
    }
    return taskIds;
  }

  /** The connection settings, decrypted for this one extract; never stored or returned. */
  private Map<String, Secret> connection(TenantId tenant, ConnectorSyncConfig config) {
    List<SkillCredential> stored = credentials.list(tenant, config.connectionSkill());
    if (stored.isEmpty()) {
      throw new PermanentException(
          ErrorCode.CONNECTOR_FAILED,
          "no connection credentials are stored under '" + config.connectionSkill() + "'");
    }
    Map<String, Secret> connection = new HashMap<>();
    for (SkillCredential credential : stored) {
      connection.put(credential.key(), cipher.decrypt(tenant, credential.value()));
    }
    return Map.copyOf(connection);
  }

  private Dataset dataset(TenantId tenant, DatasetId id) {
    return datasets
        .find(tenant, id)
        .orElseThrow(
            () ->
                new NotFoundException(ErrorCode.DATASET_NOT_FOUND, "dataset " + id + " not found"));
  }

  private DataPipeline pipeline(TenantId tenant, PipelineId id) {
    return pipelines
        .find(tenant, id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.PIPELINE_NOT_FOUND, "pipeline " + id + " not found"));
  }

  private static ConnectorSyncConfig connectorConfig(DataPipeline pipeline) {
    return pipeline
        .connector()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    ErrorCode.INVALID_INPUT,
                    "pipeline " + pipeline.id() + " is not a connector_sync pipeline"));
  }

  private static TableSync tableSync(
      DataPipeline pipeline, ConnectorSyncConfig config, String table) {
    return config.tables().stream()
        .filter(sync -> sync.table().equals(table))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    ErrorCode.INVALID_INPUT,
                    "pipeline " + pipeline.id() + " does not sync table " + table));
  }

  private static Dataset copy(
      Dataset dataset,
      SyncStatus status,
      long rowCount,
      Optional<String> bronzeTable,
      Optional<String> silverTable,
      Optional<String> lastError,
      Optional<Instant> lastSyncedAt,
      Instant updatedAt) {
    return new Dataset(
        dataset.id(),
        dataset.tenantId(),
        dataset.name(),
        dataset.format(),
        dataset.storageRef(),
        rowCount,
        status,
        bronzeTable,
        silverTable,
        lastError,
        lastSyncedAt,
        dataset.createdAt(),
        updatedAt);
  }

  private static Map<ConnectorType, SourceConnector> byType(List<SourceConnector> connectors) {
    Map<ConnectorType, SourceConnector> byType = new EnumMap<>(ConnectorType.class);
    for (SourceConnector connector : connectors) {
      requireNonNull(connector, "connector is null");
      if (byType.putIfAbsent(connector.type(), connector) != null) {
        throw new IllegalArgumentException("two connectors for " + connector.type().wire());
      }
    }
    return byType;
  }
}
