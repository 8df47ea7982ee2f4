package io.servicetsunami.adapters.temporal.workflow;

import java.util.List;

public record ScheduledSyncResultPayload(String runId, List<TableSyncResultPayload> tables) {}
