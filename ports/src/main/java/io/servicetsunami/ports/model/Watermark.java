package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * How far an incremental sync of one table has got: the highest watermark-column value landed in
 * silver, in the column's canonical text form.
 */
public record Watermark(
    TenantId tenantId,
    PipelineId pipelineId,
    String table,
    String column,
    String value,
    Instant updatedAt) {

  public Watermark {
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(pipelineId, "pipelineId is null");
    requireText(table, "table");
    requireText(column, "column");
    requireNonNull(value, "value is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }
}
