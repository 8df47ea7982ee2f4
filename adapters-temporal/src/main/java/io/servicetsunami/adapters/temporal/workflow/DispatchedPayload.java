package io.servicetsunami.adapters.temporal.workflow;

public record DispatchedPayload(String agentId, String reason) {}
