package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/**
 * The steps of the five data workflows; each activity type is named after its step. {@code
 * finish_run} is shared by DatasetSync, ScheduledSync and AgentKitExecution.
 */
@ActivityInterface
public interface DataSyncActivities {

  @ActivityMethod(name = "sync_to_bronze")
  long syncToBronze(String tenantId, String datasetId, String runId);

  @ActivityMethod(name = "transform_to_silver")
  long transformToSilver(String tenantId, String datasetId, String runId);

  @ActivityMethod(name = "update_dataset_metadata")
  void updateDatasetMetadata(String tenantId, String datasetId, String runId);

  @ActivityMethod(name = "extract_from_connector")
  Map<String, Object> extractFromConnector(
      String tenantId, String pipelineId, String table, String runId);

  @ActivityMethod(name = "load_to_bronze")
  long loadToBronze(String tenantId, String pipelineId, String table, String runId);

  @ActivityMethod(name = "load_to_silver")
  long loadToSilver(String tenantId, String pipelineId, String table, String runId);

  /** {@code watermark} is null when extract read none. */
  @ActivityMethod(name = "update_sync_metadata")
  void updateSyncMetadata(
      String tenantId, String pipelineId, String table, String runId, String watermark);

  /** {@code trigger} is {@code manual} or {@code schedule}. */
  @ActivityMethod(name = "start_scheduled_run")
  List<String> startScheduledRun(String tenantId, String pipelineId, String runId, String trigger);

  /** {@code error} is null for a run that completed. */
  @ActivityMethod(name = "finish_run")
  void finishRun(String tenantId, String runId, String error, Map<String, Object> output);

  @ActivityMethod(name = "extract_knowledge_from_session")
  int extractKnowledgeFromSession(String tenantId, String sessionId);

  @ActivityMethod(name = "execute_agent_kit_activity")
  Map<String, Object> executeAgentKit(String tenantId, String pipelineId, String runId);
}
