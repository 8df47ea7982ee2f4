package io.servicetsunami.adapters.temporal.workflow;

public record ProvisionPayload(
    String tenantId, String instanceId, String version, boolean upgrade) {}
