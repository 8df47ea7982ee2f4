package io.servicetsunami.ports.model;

/** The seven durable workflows, by their workflow-engine type names. */
public enum WorkflowType {
  TASK_EXECUTION("TaskExecutionWorkflow"),
  OPENCLAW_PROVISION("OpenClawProvisionWorkflow"),
  DATASET_SYNC("DatasetSyncWorkflow"),
  DATASOURCE_SYNC("DataSourceSyncWorkflow"),
  SCHEDULED_SYNC("ScheduledSyncWorkflow"),
  KNOWLEDGE_EXTRACTION("KnowledgeExtractionWorkflow"),
  AGENT_KIT_EXECUTION("AgentKitExecutionWorkflow");

  private final String typeName;

  WorkflowType(String typeName) {
    this.typeName = typeName;
  }

  /** The name the workflow is registered and started under, e.g. {@code TaskExecutionWorkflow}. */
  public String typeName() {
    return typeName;
  }
}
