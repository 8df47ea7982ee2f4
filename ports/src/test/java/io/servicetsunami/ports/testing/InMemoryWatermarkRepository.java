package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.Watermark;
import io.servicetsunami.ports.out.WatermarkRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link WatermarkRepository} in memory, one watermark per tenant, pipeline and table. */
public final class InMemoryWatermarkRepository implements WatermarkRepository {

  private record Key(TenantId tenant, PipelineId pipeline, String table) {}

  private final Map<Key, Watermark> watermarks = new HashMap<>();

  @Override
  public synchronized Optional<Watermark> find(TenantId tenant, PipelineId pipeline, String table) {
    return Optional.ofNullable(watermarks.get(new Key(tenant, pipeline, table)));
  }

  @Override
  public synchronized void save(Watermark watermark) {
    requireNonNull(watermark, "watermark is null");
    watermarks.put(
        new Key(watermark.tenantId(), watermark.pipelineId(), watermark.table()), watermark);
  }

  /** Removes the pipeline's watermarks, as deleting the pipeline does. */
  public synchronized void deleteByPipeline(TenantId tenant, PipelineId pipeline) {
    watermarks.keySet().removeIf(k -> k.tenant().equals(tenant) && k.pipeline().equals(pipeline));
  }
}
