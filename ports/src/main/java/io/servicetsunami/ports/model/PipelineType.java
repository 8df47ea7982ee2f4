package io.servicetsunami.ports.model;

/** What a data pipeline runs, and so which workflow executes it. */
public enum PipelineType implements WireEnum {
  /** Lands a dataset in bronze and silver: DatasetSyncWorkflow. */
  DATASET_SYNC,
  /** Extracts connector tables: ScheduledSyncWorkflow with one DataSourceSyncWorkflow per table. */
  CONNECTOR_SYNC,
  /** Runs an agent kit bundle: AgentKitExecutionWorkflow. */
  AGENT_KIT;

  public static PipelineType fromWire(String wire) {
    return WireEnum.parse(PipelineType.class, wire);
  }
}
