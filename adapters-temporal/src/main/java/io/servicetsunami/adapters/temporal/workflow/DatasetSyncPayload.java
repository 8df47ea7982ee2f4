package io.servicetsunami.adapters.temporal.workflow;

public record DatasetSyncPayload(
    String tenantId, String datasetId, String runId, String pipelineId) {}
