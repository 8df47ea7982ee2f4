package io.servicetsunami.ports.testing;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.out.RowSink;
import io.servicetsunami.ports.out.SourceConnector.ExtractRequest;
import io.servicetsunami.ports.out.SourceConnector.ExtractSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeSourceConnectorTest {

  private static final List<Column> COLUMNS =
      List.of(new Column("id", ColumnType.LONG), new Column("updated_at", ColumnType.TIMESTAMP));
  private static final Map<String, Secret> CONNECTION =
      Map.of("url", Secret.of("jdbc:postgresql://db/shop"), "password", Secret.of("pw"));

  private final FakeSourceConnector connector =
      new FakeSourceConnector(ConnectorType.POSTGRESQL)
          .table(
              "public.orders",
              COLUMNS,
              List.of(
                  List.of(1L, Instant.parse("2025-01-01T08:00:00Z")),
                  List.of(2L, Instant.parse("2025-01-01T09:00:00Z")),
                  List.of(3L, Instant.parse("2025-01-01T10:00:00Z"))));

  private static final class CollectingSink implements RowSink {
    List<Column> columns;
    final List<List<Object>> rows = new ArrayList<>();

    @Override
    public void begin(List<Column> columns) {
      this.columns = columns;
    }

    @Override
    public void accept(List<Object> row) {
      rows.add(row);
    }
  }

  @Test
  void fullExtractStreamsEveryRowWithoutAWatermark() {
    CollectingSink sink = new CollectingSink();

    ExtractSummary summary =
        connector.extract(
            CONNECTION,
            new ExtractRequest(Fixtures.fullTable("public.orders"), Optional.empty()),
            sink);

    assertThat(summary).isEqualTo(new ExtractSummary(3, Optional.empty()));
    assertThat(sink.columns).isEqualTo(COLUMNS);
    assertThat(sink.rows).hasSize(3);
    assertThat(connector.type()).isEqualTo(ConnectorType.POSTGRESQL);
  }

  @Test
  void incrementalExtractStartsAtTheWatermarkLessTheOverlap() {
    TableSync table =
        new TableSync(
            "public.orders",
            SyncMode.INCREMENTAL,
            List.of("id"),
            Optional.of("updated_at"),
            Duration.ofMinutes(30));
    CollectingSink sink = new CollectingSink();

    ExtractSummary summary =
        connector.extract(
            CONNECTION, new ExtractRequest(table, Optional.of("2025-01-01T09:20:00Z")), sink);

    assertThat(sink.rows).extracting(row -> row.get(0)).containsExactly(2L, 3L);
    assertThat(summary.maxWatermark()).contains("2025-01-01T10:00:00Z");
  }

  @Test
  void firstIncrementalExtractReadsAllAndReportsTheHighestWatermark() {
    ExtractSummary summary =
        connector.extract(
            CONNECTION,
            new ExtractRequest(Fixtures.incrementalTable("public.orders"), Optional.empty()),
            new CollectingSink());

    assertThat(summary).isEqualTo(new ExtractSummary(3, Optional.of("2025-01-01T10:00:00Z")));
  }

  @Test
  void extractsAreRecordedWithTheirConnection() {
    ExtractRequest request =
        new ExtractRequest(Fixtures.fullTable("public.orders"), Optional.empty());

    connector.extract(CONNECTION, request, new CollectingSink());

    assertThat(connector.calls())
        .containsExactly(new FakeSourceConnector.ExtractCall(CONNECTION, request));
  }

  @Test
  void unknownTableAndBadCredentialsArePermanentFailures() {
    connector.requires("password", Secret.of("right"));

    assertPortError(
        PermanentException.class,
        ErrorCode.CONNECTOR_FAILED,
        () ->
            connector.extract(
                Map.of("password", Secret.of("right")),
                new ExtractRequest(Fixtures.fullTable("public.nope"), Optional.empty()),
                new CollectingSink()));
    assertPortError(
        PermanentException.class,
        ErrorCode.CONNECTOR_FAILED,
        () ->
            connector.extract(
                CONNECTION,
                new ExtractRequest(Fixtures.fullTable("public.orders"), Optional.empty()),
                new CollectingSink()));
  }

  @Test
  void scriptedOutageIsThrown() {
    connector.failsWith(new TransientException(ErrorCode.CONNECTOR_UNAVAILABLE, "refused"));

    assertPortError(
        TransientException.class,
        ErrorCode.CONNECTOR_UNAVAILABLE,
        () ->
            connector.extract(
                CONNECTION,
                new ExtractRequest(Fixtures.fullTable("public.orders"), Optional.empty()),
                new CollectingSink()));
  }
}
