package io.servicetsunami.adapters.temporal.workflow;

public record DataSourceSyncPayload(
    String tenantId, String pipelineId, String table, String runId) {}
