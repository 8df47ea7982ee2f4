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
 * @param deletedFlagColumn the source's soft-delete column, if it reports deletes that way: a key
 *     whose latest version has it true is removed from silver. A row deleted outright at the source
 *     cannot be seen by an incremental extract, so this is how deletes reach silver.
 */
public record TableSync(
    String table,
    SyncMode mode,
    List<String> primaryKey,
    Optional<String> watermarkColumn,
    Duration overlap,
    Optional<String> deletedFlagColumn) {

  /** A table whose source reports no deletes. */
  public TableSync(
      String table,
      SyncMode mode,
      List<String> primaryKey,
      Optional<String> watermarkColumn,
      Duration overlap) {
    this(table, mode, primaryKey, watermarkColumn, overlap, Optional.empty());
  }

  public TableSync {
    requireText(table, "table");
    requireNonNull(mode, "mode is null");
    primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
    requireOptional(watermarkColumn, "watermarkColumn");
    requireNonNull(overlap, "overlap is null");
    if (overlap.isNegative()) {
      throw new IllegalArgumentException("overlap is negative");
    }
    requireOptional(deletedFlagColumn, "deletedFlagColumn");
    if (deletedFlagColumn.isPresent() && primaryKey.isEmpty()) {
      throw new IllegalArgumentException(
          "deletes of " + table + " can only be honoured by primary key; it has none");
    }
    if (mode == SyncMode.INCREMENTAL && watermarkColumn.isEmpty()) {
      throw new IllegalArgumentException(
          "incremental sync of " + table + " needs a watermark column");
    }
  }
}
