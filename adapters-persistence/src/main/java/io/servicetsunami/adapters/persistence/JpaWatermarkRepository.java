package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.Watermark;
import io.servicetsunami.ports.out.WatermarkRepository;
import java.util.Optional;

/**
 * {@link WatermarkRepository} on the {@code connector_watermarks} table, one row per tenant,
 * pipeline and table; saving is an upsert.
 */
public final class JpaWatermarkRepository implements WatermarkRepository {

  private static final String SAVE =
      "INSERT INTO connector_watermarks"
          + " (tenant_id, pipeline_id, table_name, column_name, watermark_value, updated_at)"
          + " VALUES (:tenant, :pipeline, :table, :column, :value, :updatedAt)"
          + " ON CONFLICT (tenant_id, pipeline_id, table_name) DO UPDATE SET"
          + " column_name = EXCLUDED.column_name, watermark_value = EXCLUDED.watermark_value,"
          + " updated_at = EXCLUDED.updated_at";

  private final Transactions transactions;

  JpaWatermarkRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public Optional<Watermark> find(TenantId tenant, PipelineId pipeline, String table) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(pipeline, "pipeline is null");
    requireNonNull(table, "table is null");
    return transactions.call(
        "reading a watermark",
        s ->
            Optional.ofNullable(
                    s.get(
                        WatermarkEntity.class,
                        new WatermarkEntity.Key(tenant.value(), pipeline.value(), table)))
                .map(WatermarkEntity::toRecord));
  }

  @Override
  public void save(Watermark watermark) {
    WatermarkEntity row = WatermarkEntity.of(requireNonNull(watermark, "watermark is null"));
    transactions.call(
        "storing a watermark",
        s ->
            s.createNativeMutationQuery(SAVE)
                .setParameter("tenant", row.tenantId)
                .setParameter("pipeline", row.pipelineId)
                .setParameter("table", row.tableName)
                .setParameter("column", row.columnName)
                .setParameter("value", row.watermarkValue)
                .setParameter("updatedAt", row.updatedAt)
                .executeUpdate());
  }
}
