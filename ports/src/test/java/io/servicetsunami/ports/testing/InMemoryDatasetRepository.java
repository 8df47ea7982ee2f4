package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.DatasetRepository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link DatasetRepository} in memory; updates are last-write-wins. */
public final class InMemoryDatasetRepository implements DatasetRepository {

  private final Map<DatasetId, Dataset> datasets = new LinkedHashMap<>();

  @Override
  public synchronized Dataset create(Dataset dataset) {
    requireNonNull(dataset, "dataset is null");
    if (datasets.containsKey(dataset.id())) {
      throw new ConflictException(ErrorCode.ALREADY_EXISTS, "dataset " + dataset.id() + " exists");
    }
    datasets.put(dataset.id(), dataset);
    return dataset;
  }

  @Override
  public synchronized Optional<Dataset> find(TenantId tenant, DatasetId id) {
    return Optional.ofNullable(datasets.get(id)).filter(d -> d.tenantId().equals(tenant));
  }

  @Override
  public synchronized List<Dataset> list(TenantId tenant) {
    List<Dataset> newestFirst = new ArrayList<>(datasets.values());
    Collections.reverse(newestFirst);
    newestFirst.sort(Comparator.comparing(Dataset::createdAt).reversed());
    return newestFirst.stream().filter(d -> d.tenantId().equals(tenant)).toList();
  }

  @Override
  public synchronized Dataset update(Dataset dataset) {
    requireNonNull(dataset, "dataset is null");
    if (find(dataset.tenantId(), dataset.id()).isEmpty()) {
      throw new NotFoundException(ErrorCode.DATASET_NOT_FOUND, "dataset " + dataset.id());
    }
    datasets.put(dataset.id(), dataset);
    return dataset;
  }

  @Override
  public synchronized boolean delete(TenantId tenant, DatasetId id) {
    if (find(tenant, id).isEmpty()) {
      return false;
    }
    datasets.remove(id);
    return true;
  }
}
