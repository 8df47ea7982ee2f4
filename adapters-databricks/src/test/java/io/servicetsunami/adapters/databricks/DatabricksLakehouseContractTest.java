package io.servicetsunami.adapters.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.contract.LakehouseContract;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.Lakehouse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The port's contract against the Databricks adapter talking to a loopback warehouse that polls
 * every third statement, splits results into chunks of two rows and throttles every seventh
 * request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabricksLakehouseContractTest implements LakehouseContract {

  private FakeSqlWarehouse warehouse;
  private DatabricksLakehouse lakehouse;

  @BeforeAll
  void start() throws Exception {
    warehouse = new FakeSqlWarehouse();
    warehouse.slowEvery = 3;
    warehouse.chunkRows = 2;
    warehouse.throttleEvery = 7;
    lakehouse = new DatabricksLakehouse(settings(warehouse));
  }

  @AfterAll
  void stop() throws Exception {
    lakehouse.close();
    warehouse.close();
    assertThat(warehouse.violations()).isEmpty();
  }

  @Override
  public Lakehouse lakehouse() {
    return lakehouse;
  }

  static DatabricksSettings settings(FakeSqlWarehouse warehouse) {
    return DatabricksSettings.of(
            warehouse.uri(),
            Secret.of(FakeSqlWarehouse.TOKEN),
            FakeSqlWarehouse.WAREHOUSE_ID,
            FakeSqlWarehouse.CATALOG)
        .withTimings(Duration.ofSeconds(10), Duration.ofMillis(2), Duration.ofSeconds(30))
        .withRetries(4, Duration.ofMillis(50))
        .withStaging(500, 2_000, Duration.ofMillis(100));
  }
}
