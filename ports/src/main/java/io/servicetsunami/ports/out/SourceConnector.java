package io.servicetsunami.ports.out;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TableSync;
import java.util.Map;
import java.util.Optional;

/** Reads tables from an external source (PostgreSQL, Snowflake, BigQuery). */
public interface SourceConnector {

  /**
   * @param since for incremental syncs, the stored watermark; the connector starts {@code
   *     table.overlap()} before it so late commits at the boundary are not lost
   */
  record ExtractRequest(TableSync table, Optional<String> since) {
    public ExtractRequest {
      requireNonNull(table, "table is null");
      requireNonNull(since, "since is null");
    }
  }

  /**
   * @param maxWatermark the highest watermark value read, in canonical text form; empty for full
   *     syncs or when no row was read
   */
  record ExtractSummary(long rows, Optional<String> maxWatermark) {
    public ExtractSummary {
      requireNonNull(maxWatermark, "maxWatermark is null");
    }
  }

  /** The kind of source this connector reads. */
  ConnectorType type();

  /**
   * Streams the table's rows (all of them, or those past the watermark) into {@code sink}, never
   * holding the whole table in memory.
   *
   * @param connection the decrypted connection settings (URL, account, user, password, key…)
   * @throws TransientException {@code connector_unavailable} if the source cannot be reached
   * @throws PermanentException {@code connector_failed} for bad credentials or an unknown table
   */
  ExtractSummary extract(Map<String, Secret> connection, ExtractRequest request, RowSink sink);
}
