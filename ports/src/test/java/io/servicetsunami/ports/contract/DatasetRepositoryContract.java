package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.SyncStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.DatasetRepository;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link DatasetRepository} does. */
public interface DatasetRepositoryContract extends Prerequisites {

  DatasetRepository datasets();

  private static Dataset synced(Dataset dataset) {
    return new Dataset(
        dataset.id(),
        dataset.tenantId(),
        dataset.name(),
        dataset.format(),
        dataset.storageRef(),
        1200,
        SyncStatus.SYNCED,
        Optional.of("t_bronze.orders"),
        Optional.of("t_silver.orders"),
        Optional.empty(),
        Optional.of(Fixtures.at(90)),
        dataset.createdAt(),
        Fixtures.at(90));
  }

  @Test
  default void createdDatasetIsFound() {
    TenantId tenant = newTenant();
    Dataset dataset = Fixtures.dataset(tenant);

    assertThat(datasets().create(dataset)).isEqualTo(dataset);
    assertThat(datasets().find(tenant, dataset.id())).contains(dataset);
  }

  @Test
  default void unknownDatasetIsNotFound() {
    TenantId tenant = newTenant();

    assertThat(datasets().find(tenant, Fixtures.datasetId())).isEmpty();
    assertThat(datasets().list(tenant)).isEmpty();
    assertPortError(
        NotFoundException.class,
        ErrorCode.DATASET_NOT_FOUND,
        () -> datasets().update(Fixtures.dataset(tenant)));
    assertThat(datasets().delete(tenant, Fixtures.datasetId())).isFalse();
  }

  @Test
  default void creatingATakenIdIsAConflict() {
    Dataset dataset = datasets().create(Fixtures.dataset(newTenant()));

    assertPortError(
        ConflictException.class, ErrorCode.ALREADY_EXISTS, () -> datasets().create(dataset));
  }

  @Test
  default void listShowsNewestFirst() {
    TenantId tenant = newTenant();
    Dataset old = datasets().create(Fixtures.dataset(tenant, Fixtures.at(10)));
    Dataset recent = datasets().create(Fixtures.dataset(tenant, Fixtures.at(30)));
    Dataset middle = datasets().create(Fixtures.dataset(tenant, Fixtures.at(20)));

    assertThat(datasets().list(tenant)).containsExactly(recent, middle, old);
  }

  @Test
  default void updateReplacesTheDatasetLastWriteWins() {
    TenantId tenant = newTenant();
    Dataset dataset = datasets().create(Fixtures.dataset(tenant));

    Dataset updated = datasets().update(synced(dataset));
    Dataset again = datasets().update(synced(dataset));

    assertThat(updated.syncStatus()).isEqualTo(SyncStatus.SYNCED);
    assertThat(again).isEqualTo(updated);
    assertThat(datasets().find(tenant, dataset.id())).contains(updated);
  }

  @Test
  default void deleteRemovesTheDatasetOnce() {
    TenantId tenant = newTenant();
    Dataset dataset = datasets().create(Fixtures.dataset(tenant));

    assertThat(datasets().delete(tenant, dataset.id())).isTrue();
    assertThat(datasets().delete(tenant, dataset.id())).isFalse();
    assertThat(datasets().find(tenant, dataset.id())).isEmpty();
  }

  @Test
  default void anotherTenantCannotReadListUpdateOrDeleteADataset() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    Dataset dataset = datasets().create(Fixtures.dataset(a));

    assertThat(datasets().find(b, dataset.id())).isEmpty();
    assertThat(datasets().list(b)).isEmpty();
    assertPortError(
        NotFoundException.class,
        ErrorCode.DATASET_NOT_FOUND,
        () -> datasets().update(Fixtures.forTenant(synced(dataset), b)));
    assertThat(datasets().delete(b, dataset.id())).isFalse();
    assertThat(datasets().find(a, dataset.id())).contains(dataset);
  }
}
