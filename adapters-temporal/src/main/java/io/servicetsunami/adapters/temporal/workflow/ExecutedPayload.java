package io.servicetsunami.adapters.temporal.workflow;

public record ExecutedPayload(boolean awaitingApproval) {}
