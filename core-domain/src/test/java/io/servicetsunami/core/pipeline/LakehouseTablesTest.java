package io.servicetsunami.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LakehouseTablesTest {

  private static final UUID ID = UUID.fromString("5f0c2a9e-1b7d-4c3e-9a8f-0123456789ab");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "orders                     | orders_0123456789ab",
        "Orders 2024 (Q3)           | orders_2024_q3_0123456789ab",
        "Café Ünïcode               | cafe_unicode_0123456789ab",
        "x; drop table users --     | x_drop_table_users_0123456789ab",
        "\"quoted\".name            | quoted_name_0123456789ab",
        "2024 sales                 | ds_2024_sales_0123456789ab",
        "___                        | dataset_0123456789ab",
        "日本語                      | dataset_0123456789ab",
        "a_very_long_dataset_name_that_goes_on_and_on_and_on | "
            + "a_very_long_dataset_name_that_goes_on_an_0123456789ab",
      })
  void namesTheTableAfterTheDatasetWithASafeStemAndAnIdSuffix(String name, String table) {
    assertThat(LakehouseTables.of(dataset(name))).isEqualTo(table);
  }

  @ParameterizedTest
  @CsvSource({"'   spaces   '", "'DROP TABLE x;'", "'a-b.c/d\\e'", "'ÄÖÜ ß'", "'x'"})
  void isAlwaysAPortableLowerCaseIdentifier(String name) {
    assertThat(LakehouseTables.of(dataset(name))).matches("[a-z][a-z0-9_]{0,52}");
  }

  @Test
  void twoPipelinesReadingTablesOfTheSameNameLandInDifferentTables() {
    PipelineId first = new PipelineId(ID);
    PipelineId second = new PipelineId(UUID.fromString("5f0c2a9e-1b7d-4c3e-9a8f-ba9876543210"));

    assertThat(LakehouseTables.of(first, "public.orders")).isEqualTo("public_orders_0123456789ab");
    assertThat(LakehouseTables.of(second, "public.orders"))
        .isNotEqualTo(LakehouseTables.of(first, "public.orders"));
  }

  private static Dataset dataset(String name) {
    Dataset fixture = Fixtures.dataset(Fixtures.tenantId());
    return new Dataset(
        new DatasetId(ID),
        fixture.tenantId(),
        name,
        fixture.format(),
        fixture.storageRef(),
        0,
        fixture.syncStatus(),
        fixture.bronzeTable(),
        fixture.silverTable(),
        fixture.lastError(),
        fixture.lastSyncedAt(),
        fixture.createdAt(),
        fixture.updatedAt());
  }
}
