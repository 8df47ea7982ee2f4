package io.servicetsunami.ports.testing;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.servicetsunami.ports.contract.LakehouseContract;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.DatasetFormat;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Lakehouse;
import io.servicetsunami.ports.out.Lakehouse.Load;
import io.servicetsunami.ports.out.RowSink;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryLakehouseTest implements LakehouseContract {

  private final MutableClock clock = new MutableClock();
  private final InMemoryLakehouse lakehouse = new InMemoryLakehouse(clock);
  private final TenantId tenant = Fixtures.tenantId();

  @Override
  public Lakehouse lakehouse() {
    return lakehouse;
  }

  private static ByteArrayInputStream text(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bronzeKeepsEachLoadWithItsLoadTime() {
    Load load = new Load(tenant, "orders", "load-1");
    lakehouse.stageFile(load, DatasetFormat.CSV, text("id,status\n1,new\n"));

    lakehouse.commitToBronze(load);

    InMemoryLakehouse.BronzeBatch batch = lakehouse.bronze(tenant, "orders").get(0);
    assertThat(batch.loadId()).isEqualTo("load-1");
    assertThat(batch.loadedAt()).isEqualTo(Fixtures.NOW);
    assertThat(batch.rows()).containsExactly(Map.of("id", "1", "status", "new"));
  }

  @Test
  void jsonArraysAndJsonLinesAreBothRead() {
    Load array = new Load(tenant, "events", "a");
    Load lines = new Load(tenant, "events", "b");

    long fromArray =
        lakehouse.stageFile(
            array,
            DatasetFormat.JSON,
            text("[{\"id\": 1, \"ok\": true}, {\"id\": 2, \"ok\": null}]"));
    long fromLines =
        lakehouse.stageFile(
            lines, DatasetFormat.JSON, text("{\"id\": 3, \"tags\": [\"x\"]}\n\n{\"id\": 4}\n"));
    lakehouse.commitToBronze(array);
    lakehouse.commitToBronze(lines);
    lakehouse.mergeToSilver(tenant, "events", List.of("id"), Optional.empty());

    assertThat(fromArray).isEqualTo(2);
    assertThat(fromLines).isEqualTo(2);
    assertThat(lakehouse.silverRows(tenant, "events"))
        .extracting(row -> row.get("id"))
        .containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void silverRowsHoldTheLatestValues() {
    Load first = new Load(tenant, "orders", "1");
    lakehouse.stageFile(first, DatasetFormat.CSV, text("id,status\n1,new\n2,new\n"));
    lakehouse.commitToBronze(first);
    Load second = new Load(tenant, "orders", "2");
    lakehouse.stageFile(second, DatasetFormat.CSV, text("id,status\r\n2,shipped\r\n"));
    lakehouse.commitToBronze(second);

    lakehouse.mergeToSilver(tenant, "orders", List.of("id"), Optional.empty());

    assertThat(lakehouse.silverRows(tenant, "orders"))
        .containsExactly(
            Map.of("id", "1", "status", "new"), Map.of("id", "2", "status", "shipped"));
  }

  @Test
  void csvWithRaggedRowsIsUnsupported() {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.UNSUPPORTED_FORMAT,
        () ->
            lakehouse.stageFile(
                new Load(tenant, "t", "1"), DatasetFormat.CSV, text("a,b\n1,2,3\n")));
  }

  @Test
  void emptyCsvIsUnsupported() {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.UNSUPPORTED_FORMAT,
        () -> lakehouse.stageFile(new Load(tenant, "t", "1"), DatasetFormat.CSV, text("")));
  }

  @Test
  void parquetIsNotReadableInMemory() {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.UNSUPPORTED_FORMAT,
        () -> lakehouse.stageFile(new Load(tenant, "t", "1"), DatasetFormat.PARQUET, text("PAR1")));
  }

  @Test
  void committingALoadThatWasNeverStagedFails() {
    assertPortError(
        PermanentException.class,
        ErrorCode.INTERNAL,
        () -> lakehouse.commitToBronze(new Load(tenant, "orders", "ghost")));
  }

  @Test
  void stagedRowsMustMatchTheirColumns() {
    RowSink sink = lakehouse.openStaging(new Load(tenant, "orders", "1"));
    sink.begin(ORDER_COLUMNS);

    assertThatIllegalArgumentException().isThrownBy(() -> sink.accept(Arrays.asList(1L, "new")));
  }
}
