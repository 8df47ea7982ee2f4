package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TraceId;
import io.servicetsunami.ports.out.ExecutionTraceRepository;
import io.servicetsunami.ports.out.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link ExecutionTraceRepository} in memory: append-only, the first write of an id wins. */
public final class InMemoryExecutionTraceRepository implements ExecutionTraceRepository {

  private final Map<TraceId, ExecutionTrace> traces = new LinkedHashMap<>();

  @Override
  public synchronized ExecutionTrace append(ExecutionTrace trace) {
    requireNonNull(trace, "trace is null");
    ExecutionTrace existing = traces.get(trace.id());
    if (existing == null) {
      traces.put(trace.id(), trace);
      return trace;
    }
    if (!existing.tenantId().equals(trace.tenantId())) {
      // Trace ids are derived from task ids, so this is a bug in the caller, not a retry.
      throw new ConflictException(ErrorCode.ALREADY_EXISTS, "trace " + trace.id() + " exists");
    }
    return existing;
  }

  @Override
  public synchronized List<ExecutionTrace> listByTask(TenantId tenant, TaskId task) {
    return traces.values().stream()
        .filter(t -> t.tenantId().equals(tenant) && t.taskId().equals(task))
        .sorted(
            Comparator.comparingInt(ExecutionTrace::stepOrder)
                .thenComparing(ExecutionTrace::createdAt))
        .toList();
  }

  @Override
  public synchronized List<ExecutionTrace> listByTenant(TenantId tenant, Page page) {
    requireNonNull(page, "page is null");
    List<ExecutionTrace> newestFirst = new ArrayList<>(traces.values());
    Collections.reverse(newestFirst);
    newestFirst.sort(Comparator.comparing(ExecutionTrace::createdAt).reversed());
    return Paging.window(
        newestFirst.stream().filter(t -> t.tenantId().equals(tenant)).toList(), page);
  }

  /** The step types written for the task, in timeline order: handy for pipeline assertions. */
  public synchronized List<StepType> stepTypes(TenantId tenant, TaskId task) {
    return listByTask(tenant, task).stream().map(ExecutionTrace::stepType).toList();
  }

  /** Every stored trace of every tenant, in write order. */
  public synchronized List<ExecutionTrace> all() {
    return List.copyOf(traces.values());
  }
}
