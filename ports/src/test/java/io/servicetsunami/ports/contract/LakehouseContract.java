package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.Column;
import io.servicetsunami.ports.model.Column.ColumnType;
import io.servicetsunami.ports.model.DatasetFormat;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Lakehouse;
import io.servicetsunami.ports.out.Lakehouse.Load;
import io.servicetsunami.ports.out.Lakehouse.TableInfo;
import io.servicetsunami.ports.out.RowSink;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Lakehouse} does with bronze and silver tables. Each test works in a tenant of
 * its own, so tests never share tables.
 */
public interface LakehouseContract extends Prerequisites {

  Lakehouse lakehouse();

  List<Column> ORDER_COLUMNS =
      List.of(
          new Column("id", ColumnType.LONG),
          new Column("status", ColumnType.STRING),
          new Column("deleted", ColumnType.BOOLEAN));

  private static Load load(TenantId tenant) {
    return new Load(tenant, "orders", "load-" + UUID.randomUUID());
  }

  private void stage(Load load, Object[]... rows) {
    RowSink sink = lakehouse().openStaging(load);
    sink.begin(ORDER_COLUMNS);
    for (Object[] row : rows) {
      sink.accept(Arrays.asList(row));
    }
  }

  private static Object[] order(long id, String status, boolean deleted) {
    return new Object[] {id, status, deleted};
  }

  @Test
  default void stagedRowsReachBronzeOnCommit() {
    TenantId tenant = newTenant();
    Load load = load(tenant);
    stage(load, order(1, "new", false), order(2, "new", false));

    TableInfo bronze = lakehouse().commitToBronze(load);

    assertThat(bronze.rowCount()).isEqualTo(2);
    assertThat(bronze.qualifiedName()).contains("orders");
  }

  @Test
  default void committingALoadTwiceAppendsItOnce() {
    TenantId tenant = newTenant();
    Load load = load(tenant);
    stage(load, order(1, "new", false), order(2, "new", false));

    lakehouse().commitToBronze(load);
    TableInfo again = lakehouse().commitToBronze(load);

    assertThat(again.rowCount()).isEqualTo(2);
  }

  @Test
  default void reopeningStagingDiscardsWhatWasStaged() {
    TenantId tenant = newTenant();
    Load load = load(tenant);
    stage(load, order(1, "new", false), order(2, "new", false), order(3, "new", false));
    stage(load, order(1, "new", false));

    assertThat(lakehouse().commitToBronze(load).rowCount()).isEqualTo(1);
  }

  @Test
  default void silverKeepsTheLatestVersionOfEachKey() {
    TenantId tenant = newTenant();
    Load first = load(tenant);
    stage(first, order(1, "new", false), order(2, "new", false));
    lakehouse().commitToBronze(first);
    Load second = load(tenant);
    stage(second, order(2, "shipped", false), order(3, "new", false));
    lakehouse().commitToBronze(second);

    TableInfo silver = lakehouse().mergeToSilver(tenant, "orders", List.of("id"), Optional.empty());

    assertThat(silver.rowCount()).isEqualTo(3);
    assertThat(silver.qualifiedName())
        .isNotEqualTo(lakehouse().commitToBronze(second).qualifiedName());
    assertThat(lakehouse().describeSilver(tenant, "orders")).contains(silver);
  }

  @Test
  default void silverDropsRowsFlaggedAsDeleted() {
    TenantId tenant = newTenant();
    Load first = load(tenant);
    stage(first, order(1, "new", false), order(2, "new", false));
    lakehouse().commitToBronze(first);
    Load second = load(tenant);
    stage(second, order(1, "cancelled", true));
    lakehouse().commitToBronze(second);

    TableInfo silver =
        lakehouse().mergeToSilver(tenant, "orders", List.of("id"), Optional.of("deleted"));

    assertThat(silver.rowCount()).isEqualTo(1);
  }

  @Test
  default void mergingTwiceGivesTheSameSilver() {
    TenantId tenant = newTenant();
    Load load = load(tenant);
    stage(load, order(1, "new", false), order(1, "paid", false), order(2, "new", false));
    lakehouse().commitToBronze(load);

    TableInfo first = lakehouse().mergeToSilver(tenant, "orders", List.of("id"), Optional.empty());
    TableInfo second = lakehouse().mergeToSilver(tenant, "orders", List.of("id"), Optional.empty());

    assertThat(second).isEqualTo(first);
    assertThat(second.rowCount()).isEqualTo(2);
  }

  @Test
  default void withoutPrimaryKeySilverIsTheLatestLoad() {
    TenantId tenant = newTenant();
    Load first = load(tenant);
    stage(first, order(1, "new", false), order(2, "new", false), order(3, "new", false));
    lakehouse().commitToBronze(first);
    Load second = load(tenant);
    stage(second, order(4, "new", false));
    lakehouse().commitToBronze(second);

    TableInfo silver = lakehouse().mergeToSilver(tenant, "orders", List.of(), Optional.empty());

    assertThat(silver.rowCount()).isEqualTo(1);
  }

  @Test
  default void csvFileIsStagedLikeRows() {
    TenantId tenant = newTenant();
    Load load = load(tenant);
    byte[] csv = "id,status\n1,new\n2,\"shipped, late\"\n".getBytes(StandardCharsets.UTF_8);

    long staged = lakehouse().stageFile(load, DatasetFormat.CSV, new ByteArrayInputStream(csv));

    assertThat(staged).isEqualTo(2);
    assertThat(lakehouse().commitToBronze(load).rowCount()).isEqualTo(2);
  }

  @Test
  default void fileThatIsNotOfItsFormatIsUnsupported() {
    TenantId tenant = newTenant();
    byte[] notJson = "this is { not json".getBytes(StandardCharsets.UTF_8);

    assertPortError(
        InvalidInputException.class,
        ErrorCode.UNSUPPORTED_FORMAT,
        () ->
            lakehouse()
                .stageFile(load(tenant), DatasetFormat.JSON, new ByteArrayInputStream(notJson)));
  }

  @Test
  default void anotherTenantDoesNotSeeATenantsTables() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    Load loadOfA = load(a);
    stage(loadOfA, order(1, "new", false));
    TableInfo bronzeOfA = lakehouse().commitToBronze(loadOfA);
    TableInfo silverOfA = lakehouse().mergeToSilver(a, "orders", List.of("id"), Optional.empty());

    assertThat(lakehouse().describeSilver(b, "orders")).isEmpty();
    Load loadOfB = load(b);
    stage(loadOfB, order(1, "new", false), order(2, "new", false));
    TableInfo bronzeOfB = lakehouse().commitToBronze(loadOfB);
    TableInfo silverOfB = lakehouse().mergeToSilver(b, "orders", List.of("id"), Optional.empty());

    assertThat(bronzeOfB.rowCount()).isEqualTo(2);
    assertThat(silverOfB.rowCount()).isEqualTo(2);
    assertThat(bronzeOfB.qualifiedName()).isNotEqualTo(bronzeOfA.qualifiedName());
    assertThat(silverOfB.qualifiedName()).isNotEqualTo(silverOfA.qualifiedName());
    assertThat(lakehouse().describeSilver(a, "orders")).contains(silverOfA);
  }
}
