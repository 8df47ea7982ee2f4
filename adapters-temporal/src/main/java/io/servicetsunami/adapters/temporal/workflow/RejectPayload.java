package io.servicetsunami.adapters.temporal.workflow;

public record RejectPayload(String userId, String reason) {}
