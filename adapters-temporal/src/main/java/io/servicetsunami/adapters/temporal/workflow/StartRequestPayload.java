package io.servicetsunami.adapters.temporal.workflow;

/** What a schedule starts: {@code input} under {@code workflowId}, skipped while it runs. */
public record StartRequestPayload(String workflowId, WorkflowInputPayload input) {}
