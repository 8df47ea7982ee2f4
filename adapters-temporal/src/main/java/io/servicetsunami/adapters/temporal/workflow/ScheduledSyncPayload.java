package io.servicetsunami.adapters.temporal.workflow;

/** {@code runId} is null when a schedule started the sync: the workflow then makes one. */
public record ScheduledSyncPayload(String tenantId, String pipelineId, String runId) {}
