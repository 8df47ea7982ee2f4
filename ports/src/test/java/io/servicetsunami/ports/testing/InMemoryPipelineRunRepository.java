package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.out.PipelineRunRepository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link PipelineRunRepository} in memory: the first create of a run id wins. */
public final class InMemoryPipelineRunRepository implements PipelineRunRepository {

  private final Map<RunId, PipelineRun> runs = new LinkedHashMap<>();

  @Override
  public synchronized PipelineRun create(PipelineRun run) {
    requireNonNull(run, "run is null");
    PipelineRun existing = runs.get(run.id());
    if (existing == null) {
      runs.put(run.id(), run);
      return run;
    }
    if (!existing.tenantId().equals(run.tenantId())) {
      throw new ConflictException(ErrorCode.ALREADY_EXISTS, "run " + run.id() + " exists");
    }
    return existing;
  }

  @Override
  public synchronized Optional<PipelineRun> find(TenantId tenant, RunId id) {
    return Optional.ofNullable(runs.get(id)).filter(r -> r.tenantId().equals(tenant));
  }

  @Override
  public synchronized List<PipelineRun> listByPipeline(
      TenantId tenant, PipelineId pipeline, Page page) {
    requireNonNull(page, "page is null");
    List<PipelineRun> newestFirst = new ArrayList<>(runs.values());
    Collections.reverse(newestFirst);
    newestFirst.sort(Comparator.comparing(PipelineRun::startedAt).reversed());
    return Paging.window(
        newestFirst.stream()
            .filter(r -> r.tenantId().equals(tenant) && r.pipelineId().equals(pipeline))
            .toList(),
        page);
  }

  @Override
  public synchronized PipelineRun update(PipelineRun run) {
    requireNonNull(run, "run is null");
    if (find(run.tenantId(), run.id()).isEmpty()) {
      throw new NotFoundException(ErrorCode.PIPELINE_RUN_NOT_FOUND, "run " + run.id());
    }
    runs.put(run.id(), run);
    return run;
  }

  /** Removes the pipeline's runs, as deleting the pipeline does. */
  public synchronized void deleteByPipeline(TenantId tenant, PipelineId pipeline) {
    runs.values().removeIf(r -> r.tenantId().equals(tenant) && r.pipelineId().equals(pipeline));
  }

  /** Every stored run of every tenant, in creation order. */
  public synchronized List<PipelineRun> all() {
    return List.copyOf(runs.values());
  }
}
