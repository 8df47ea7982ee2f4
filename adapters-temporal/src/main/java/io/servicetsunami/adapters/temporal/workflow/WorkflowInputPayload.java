package io.servicetsunami.adapters.temporal.workflow;

/**
 * Any of the seven inputs, flattened, for the one place that must hold an input of any type: a
 * schedule's target. {@code type} is the workflow type name; fields a type does not use are null.
 */
public record WorkflowInputPayload(
    String type,
    String tenantId,
    String taskId,
    String instanceId,
    String version,
    Boolean upgrade,
    String datasetId,
    String pipelineId,
    String table,
    String runId,
    String sessionId) {}
