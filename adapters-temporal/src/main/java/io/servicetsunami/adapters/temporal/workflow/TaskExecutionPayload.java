package io.servicetsunami.adapters.temporal.workflow;

/** TaskExecutionWorkflow's argument; {@code approvalExpiry} is an ISO-8601 duration or null. */
public record TaskExecutionPayload(String tenantId, String taskId, String approvalExpiry) {}
