package io.servicetsunami.adapters.temporal.workflow;

/** One table's sync: rows extracted, rows then in bronze and silver, the watermark stored. */
public record TableSyncResultPayload(
    String table, long extractedRows, long bronzeRows, long silverRows, String watermark) {}
