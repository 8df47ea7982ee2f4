package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How one source table is synced.
 *
 * @param table the source table, optionally schema-qualified
 * @param primaryKey the columns silver deduplicates by (latest version wins)
 * @param watermarkColumn the monotonically growing column incremental mode filters on
 * @param overlap how far before the watermark an incremental extract starts again, so that rows
 *     committed late at the boundary are not lost (duplicates collapse in silver)
 */
public record TableSync(
    String table,
    SyncMode mode,
    List<String> primaryKey,
    Optional<String> watermarkColumn,
    Duration overlap) {

  public TableSync {
    requireText(table, "table");
    requireNonNull(mode, "mode is null");
    primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
    requireOptional(watermarkColumn, "watermarkColumn");
    requireNonNull(overlap, "overlap is null");
    if (overlap.isNegative()) {
      throw new IllegalArgumentException("overlap is negative");
    }
    if (mode == SyncMode.INCREMENTAL && watermarkColumn.isEmpty()) {
      throw new IllegalArgumentException(
          "incremental sync of " + table + " needs a watermark column");
    }
  }
}
