package io.servicetsunami.adapters.temporal.workflow;

public record KnowledgeExtractionPayload(String tenantId, String sessionId) {}
