package io.servicetsunami.adapters.temporal.workflow;

public record AgentKitPayload(String tenantId, String pipelineId, String runId) {}
