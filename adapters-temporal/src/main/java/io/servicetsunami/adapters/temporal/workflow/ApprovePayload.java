package io.servicetsunami.adapters.temporal.workflow;

public record ApprovePayload(String userId) {}
