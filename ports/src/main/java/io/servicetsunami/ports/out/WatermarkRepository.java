package io.servicetsunami.ports.out;

import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.Watermark;
import java.util.Optional;

/** Stores how far incremental syncs have got, one watermark per tenant, pipeline and table. */
public interface WatermarkRepository {

  /** The table's watermark, or empty before its first incremental sync. */
  Optional<Watermark> find(TenantId tenant, PipelineId pipeline, String table);

  /** Stores the watermark, replacing the table's previous one. Idempotent. */
  void save(Watermark watermark);
}
