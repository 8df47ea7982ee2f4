package io.servicetsunami.ports.out;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.DatasetFormat;
import io.servicetsunami.ports.model.TenantId;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A tenant-partitioned lakehouse with a bronze layer (every extracted batch, with load metadata)
 * and a silver layer (one row per primary key, latest version wins). Each tenant's tables live in
 * its own schemas. Table and column names are checked by the rules of {@link LakehouseNames} (a
 * name they refuse is {@code invalid_input}, and nothing is written). Every method may throw {@link
 * TransientException} ({@code lakehouse_unavailable}) or {@link PermanentException}.
 */
public interface Lakehouse {

  /**
   * Identifies one load of one table: staging, bronze and silver writes for the same load id are
   * idempotent.
   */
  record Load(TenantId tenantId, String table, String loadId) {
    public Load {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(table, "table is null");
      requireNonNull(loadId, "loadId is null");
    }
  }

  /** A table as landed. */
  record TableInfo(String qualifiedName, long rowCount) {
    public TableInfo {
      requireNonNull(qualifiedName, "qualifiedName is null");
    }
  }

  /**
   * A sink that stages rows of {@code load}; rows become visible in bronze only on {@link
   * #commitToBronze}. Opening it again for the same load discards what was staged before.
   */
  RowSink openStaging(Load load);

  /**
   * Stages a whole file of {@code format} for {@code load}, as {@link #openStaging} does for rows.
   *
   * @throws InvalidInputException {@code unsupported_format} if the file cannot be read as {@code
   *     format}
   */
  long stageFile(Load load, DatasetFormat format, InputStream content);

  /**
   * Appends the staged rows to the bronze table with load metadata (load id, load time).
   * Idempotent: a load already in bronze is not appended twice.
   */
  TableInfo commitToBronze(Load load);

  /**
   * Rebuilds the silver table from bronze: one row per {@code primaryKey}, the latest load wins,
   * and rows whose {@code deletedFlagColumn} is true are removed. With no primary key silver is the
   * latest load. Idempotent.
   */
  TableInfo mergeToSilver(
      TenantId tenant, String table, List<String> primaryKey, Optional<String> deletedFlagColumn);

  /** The silver table, if it exists. */
  Optional<TableInfo> describeSilver(TenantId tenant, String table);
}
