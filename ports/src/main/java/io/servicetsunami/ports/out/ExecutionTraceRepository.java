package io.servicetsunami.ports.out;

import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import java.util.List;

/** Stores execution traces, scoped by tenant. Traces are written once and never changed. */
public interface ExecutionTraceRepository {

  /**
   * Stores the trace unless one with its id exists, and returns the stored trace. Idempotent: a
   * workflow that retries a step writes the same id again and the store keeps the first row. If the
   * id is taken by another tenant's row, throws {@link
   * io.servicetsunami.ports.error.ConflictException} ({@code already_exists}) and reveals nothing
   * of that row.
   */
  ExecutionTrace append(ExecutionTrace trace);

  /**
   * The task's traces ordered by step order, then creation time; empty for another tenant's task.
   */
  List<ExecutionTrace> listByTask(TenantId tenant, TaskId task);

  /** The tenant's traces, newest first. */
  List<ExecutionTrace> listByTenant(TenantId tenant, Page page);
}
