package io.servicetsunami.ports.in;

import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TriggerSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of the data workflows (DatasetSync, DataSourceSync, ScheduledSync, KnowledgeExtraction,
 * AgentKitExecution), each called by one activity and each idempotent for the same run. Steps may
 * throw {@link TransientException} (retried) or {@link PermanentException} (fails the run).
 */
public interface DataSyncSteps {

  /** {@code sync_to_bronze}: stages the uploaded file and appends it to bronze. Returns rows. */
  long syncToBronze(TenantId tenant, DatasetId dataset, RunId run);

  /** {@code transform_to_silver}: rebuilds the dataset's silver table. Returns silver rows. */
  long transformToSilver(TenantId tenant, DatasetId dataset, RunId run);

  /** {@code update_dataset_metadata}: marks the dataset {@code synced} and closes the run. */
  void updateDatasetMetadata(TenantId tenant, DatasetId dataset, RunId run);

  /** {@code extract_from_connector}: streams the table past its watermark into staging. */
  Map<String, Object> extractFromConnector(
      TenantId tenant, PipelineId pipeline, String table, RunId run);

  /** {@code load_to_bronze}: appends the staged rows to bronze. */
  long loadToBronze(TenantId tenant, PipelineId pipeline, String table, RunId run);

  /** {@code load_to_silver}: merges bronze into silver by primary key. */
  long loadToSilver(TenantId tenant, PipelineId pipeline, String table, RunId run);

  /**
   * {@code update_sync_metadata}: advances the table's watermark to what extract read — only now
   * that silver is written.
   */
  void updateSyncMetadata(
      TenantId tenant, PipelineId pipeline, String table, RunId run, Optional<String> watermark);

  /**
   * Opens (or finds) the run of a connector sync and returns the tables to sync.
   *
   * @param trigger {@code manual} when the run was asked for through the API, {@code schedule} when
   *     a schedule started it
   */
  List<String> startScheduledRun(
      TenantId tenant, PipelineId pipeline, RunId run, TriggerSource trigger);

  /** Closes a run as completed with its output, or failed with the error. Idempotent. */
  void finishRun(TenantId tenant, RunId run, Optional<String> error, Map<String, Object> output);

  /**
   * {@code extract_knowledge_from_session}: LLM entity extraction with deduplication into the
   * knowledge graph. Returns the number of entities stored.
   */
  int extractKnowledgeFromSession(TenantId tenant, ChatSessionId session);

  /** {@code execute_agent_kit_activity}: runs the pipeline's agent kit bundle. */
  Map<String, Object> executeAgentKit(TenantId tenant, PipelineId pipeline, RunId run);
}
