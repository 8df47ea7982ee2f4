package io.servicetsunami.core.workflow;

import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.TaskId;
import java.time.Instant;

/** Forms workflow ids by the patterns of {@link WorkflowCatalog}. */
public final class WorkflowIds {

  private WorkflowIds() {}

  public static String task(TaskId task) {
    return "task-" + task;
  }

  public static String provision(InstanceId instance) {
    return "provision-openclaw-" + instance;
  }

  /** The timestamp is the request time in epoch seconds, so each upgrade gets its own id. */
  public static String upgrade(InstanceId instance, Instant requestedAt) {
    return "upgrade-openclaw-" + instance + "-" + requestedAt.getEpochSecond();
  }

  public static String datasetSync(DatasetId dataset, RunId run) {
    return "dataset-sync-" + dataset + "-" + run;
  }

  public static String dataSourceSync(PipelineId pipeline, String table, RunId run) {
    return "datasource-sync-" + pipeline + "-" + table + "-" + run;
  }

  public static String scheduledSync(PipelineId pipeline) {
    return "scheduled-sync-" + pipeline;
  }

  public static String knowledgeExtraction(ChatSessionId session) {
    return "knowledge-extraction-" + session;
  }

  public static String agentKit(PipelineId pipeline, RunId run) {
    return "pipeline-" + pipeline + "-" + run;
  }
}
