package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The input of each workflow. Inputs carry ids and references only — never credentials or other
 * decrypted values — because workflow engines keep inputs in their history.
 */
public sealed interface WorkflowInput {

  TenantId tenantId();

  WorkflowType type();

  /** TaskExecutionWorkflow. */
  record TaskExecution(TenantId tenantId, TaskId taskId) implements WorkflowInput {
    public TaskExecution {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(taskId, "taskId is null");
    }

    @Override
    public WorkflowType type() {
      return WorkflowType.TASK_EXECUTION;
    }
  }

  /** OpenClawProvisionWorkflow, for a first deployment or an upgrade to {@code version}. */
  record OpenClawProvision(
      TenantId tenantId, InstanceId instanceId, String version, boolean upgrade)
      implements WorkflowInput {
    public OpenClawProvision {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(instanceId, "instanceId is null");
      requireText(version, "version");
    }

    @Override
    public WorkflowType type() {
      return WorkflowType.OPENCLAW_PROVISION;
    }
  }

  /** DatasetSyncWorkflow; {@code pipelineId} is set when a pipeline run carries it. */
  record DatasetSync(
      TenantId tenantId, DatasetId datasetId, RunId runId, Optional<PipelineId> pipelineId)
      implements WorkflowInput {
    public DatasetSync {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(datasetId, "datasetId is null");
      requireNonNull(runId, "runId is null");
      requireNonNull(pipelineId, "pipelineId is null");
    }

    @Override
    public WorkflowType type() {
      return WorkflowType.DATASET_SYNC;
    }
  }

  /** DataSourceSyncWorkflow for one table of a connector pipeline. */
  record DataSourceSync(TenantId tenantId, PipelineId pipelineId, String table, RunId runId)
      implements WorkflowInput {
    public DataSourceSync {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(pipelineId, "pipelineId is null");
      requireText(table, "table");
      requireNonNull(runId, "runId is null");
    }

    @Override
    public WorkflowType type() {
      return WorkflowType.DATASOURCE_SYNC;
    }
  }

  /**
   * ScheduledSyncWorkflow: every table of a connector pipeline. A manual execution passes the run
   * it created; a schedule passes none and the workflow opens a run of its own.
   */
  record ScheduledSync(TenantId tenantId, PipelineId pipelineId, Optional<RunId> runId)
      implements WorkflowInput {
    public ScheduledSync {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(pipelineId, "pipelineId is null");
      requireNonNull(runId, "runId is null");
    }

    @Override
    public WorkflowType type() {
      return WorkflowType.SCHEDULED_SYNC;
    }
  }

  /** KnowledgeExtractionWorkflow for one imported chat session. */
  record KnowledgeExtraction(TenantId tenantId, ChatSessionId sessionId) implements WorkflowInput {
    public KnowledgeExtraction {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(sessionId, "sessionId is null");
    }

    @Override
    public WorkflowType type() {
      return WorkflowType.KNOWLEDGE_EXTRACTION;
    }
  }

  /** AgentKitExecutionWorkflow for one run of an agent-kit pipeline. */
  record AgentKitExecution(TenantId tenantId, PipelineId pipelineId, RunId runId)
      implements WorkflowInput {
    public AgentKitExecution {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(pipelineId, "pipelineId is null");
      requireNonNull(runId, "runId is null");
    }

    @Override
    public WorkflowType type() {
      return WorkflowType.AGENT_KIT_EXECUTION;
    }
  }
}
