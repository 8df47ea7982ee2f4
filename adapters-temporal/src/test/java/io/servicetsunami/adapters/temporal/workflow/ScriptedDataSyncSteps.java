package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.in.DataSyncSteps;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TriggerSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link DataSyncSteps} recording calls: dataset steps keyed by dataset id, table steps by table
 * name, run steps by pipeline or run id, knowledge by session id, agent kits by pipeline id.
 */
public final class ScriptedDataSyncSteps implements DataSyncSteps {

  /** The connector password the real extract decrypts; never in a history. */
  public static final String CONNECTOR_PASSWORD = "pg-pass-9b1deb4d3b7d-SECRET";

  private final StepLog log;
  private final Map<PipelineId, List<String>> tables = new ConcurrentHashMap<>();
  private final Map<String, Long> extractMillis = new ConcurrentHashMap<>();

  public ScriptedDataSyncSteps(StepLog log) {
    this.log = log;
  }

  public void tables(PipelineId pipeline, List<String> names) {
    tables.put(pipeline, List.copyOf(names));
  }

  /** Extracting {@code table} takes this long (real time), for heartbeat tests. */
  public void slowExtract(String table, long millis) {
    extractMillis.put(table, millis);
  }

  @Override
  public long syncToBronze(TenantId tenant, DatasetId dataset, RunId run) {
    log.record("sync_to_bronze", dataset.toString(), tenant, run);
    return 10;
  }

  @Override
  public long transformToSilver(TenantId tenant, DatasetId dataset, RunId run) {
    log.record("transform_to_silver", dataset.toString(), tenant, run);
    return 10;
  }

  @Override
  public void updateDatasetMetadata(TenantId tenant, DatasetId dataset, RunId run) {
    log.record("update_dataset_metadata", dataset.toString(), tenant, run);
  }

  @Override
  public Map<String, Object> extractFromConnector(
      TenantId tenant, PipelineId pipeline, String table, RunId run) {
    log.record("extract_from_connector", table, tenant, pipeline, run);
    Long millis = extractMillis.get(table);
    if (millis != null) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rows", 42);
    result.put("max_watermark", "2026-11-01T00:00:00Z");
    return result;
  }

  @Override
  public long loadToBronze(TenantId tenant, PipelineId pipeline, String table, RunId run) {
    log.record("load_to_bronze", table, tenant, pipeline, run);
    return 42;
  }

  @Override
  public long loadToSilver(TenantId tenant, PipelineId pipeline, String table, RunId run) {
    log.record("load_to_silver", table, tenant, pipeline, run);
    return 40;
  }

  @Override
  public void updateSyncMetadata(
      TenantId tenant, PipelineId pipeline, String table, RunId run, Optional<String> watermark) {
    log.record("update_sync_metadata", table, tenant, pipeline, run, watermark.orElse(null));
  }

  @Override
  public List<String> startScheduledRun(
      TenantId tenant, PipelineId pipeline, RunId run, TriggerSource trigger) {
    log.record("start_scheduled_run", pipeline.toString(), tenant, run, trigger);
    return tables.getOrDefault(pipeline, List.of());
  }

  @Override
  public void finishRun(
      TenantId tenant, RunId run, Optional<String> error, Map<String, Object> output) {
    log.record("finish_run", run.toString(), tenant, error.orElse(null), new HashMap<>(output));
  }

  @Override
  public int extractKnowledgeFromSession(TenantId tenant, ChatSessionId session) {
    log.record("extract_knowledge_from_session", session.toString(), tenant);
    return 3;
  }

  @Override
  public Map<String, Object> executeAgentKit(TenantId tenant, PipelineId pipeline, RunId run) {
    log.record("execute_agent_kit_activity", pipeline.toString(), tenant, run);
    return Map.of("task_ids", List.of("00000000-0000-0000-0000-00000000cafe"));
  }
}
