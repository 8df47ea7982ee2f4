package io.servicetsunami.adapters.duckdb;

import io.servicetsunami.ports.contract.LakehouseContract;
import io.servicetsunami.ports.out.Lakehouse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The port's contract against a real DuckDB file; every test works in a tenant of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbLakehouseContractTest implements LakehouseContract {

  private DuckDbLakehouse lakehouse;

  @BeforeAll
  void open(@TempDir Path directory) {
    lakehouse = new DuckDbLakehouse(DuckDbSettings.inDirectory(directory));
  }

  @AfterAll
  void close() {
    lakehouse.close();
  }

  @Override
  public Lakehouse lakehouse() {
    return lakehouse;
  }
}
