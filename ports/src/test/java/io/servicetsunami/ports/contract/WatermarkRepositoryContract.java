package io.servicetsunami.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.Watermark;
import io.servicetsunami.ports.out.WatermarkRepository;
import io.servicetsunami.ports.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** What every {@link WatermarkRepository} does. */
public interface WatermarkRepositoryContract extends Prerequisites {

  WatermarkRepository watermarks();

  @Test
  default void savedWatermarkIsFoundForItsTable() {
    TenantId tenant = newTenant();
    PipelineId pipeline = newPipeline(tenant);
    Watermark watermark =
        Fixtures.watermark(tenant, pipeline, "public.orders", "2025-01-01T08:00:00Z");

    watermarks().save(watermark);

    assertThat(watermarks().find(tenant, pipeline, "public.orders")).contains(watermark);
    assertThat(watermarks().find(tenant, pipeline, "public.customers")).isEmpty();
  }

  @Test
  default void tableWithoutSyncHasNoWatermark() {
    TenantId tenant = newTenant();

    assertThat(watermarks().find(tenant, newPipeline(tenant), "public.orders")).isEmpty();
  }

  @Test
  default void savingAgainReplacesTheWatermarkIdempotently() {
    TenantId tenant = newTenant();
    PipelineId pipeline = newPipeline(tenant);
    watermarks().save(Fixtures.watermark(tenant, pipeline, "public.orders", "100"));
    Watermark later = Fixtures.watermark(tenant, pipeline, "public.orders", "250");

    watermarks().save(later);
    watermarks().save(later);

    assertThat(watermarks().find(tenant, pipeline, "public.orders")).contains(later);
  }

  @Test
  default void watermarksAreKeptPerPipelineAndTable() {
    TenantId tenant = newTenant();
    PipelineId first = newPipeline(tenant);
    PipelineId second = newPipeline(tenant);
    Watermark orders = Fixtures.watermark(tenant, first, "public.orders", "1");
    Watermark customers = Fixtures.watermark(tenant, first, "public.customers", "2");
    Watermark otherOrders = Fixtures.watermark(tenant, second, "public.orders", "3");
    watermarks().save(orders);
    watermarks().save(customers);
    watermarks().save(otherOrders);

    assertThat(watermarks().find(tenant, first, "public.orders")).contains(orders);
    assertThat(watermarks().find(tenant, first, "public.customers")).contains(customers);
    assertThat(watermarks().find(tenant, second, "public.orders")).contains(otherOrders);
  }

  @Test
  default void anotherTenantCannotReadAWatermark() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    PipelineId pipeline = newPipeline(a);
    Watermark watermark = Fixtures.watermark(a, pipeline, "public.orders", "42");
    watermarks().save(watermark);

    assertThat(watermarks().find(b, pipeline, "public.orders")).isEmpty();
    assertThat(watermarks().find(a, pipeline, "public.orders")).contains(watermark);
  }
}
