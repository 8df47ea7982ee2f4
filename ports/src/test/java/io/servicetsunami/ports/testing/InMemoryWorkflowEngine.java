package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.WorkflowDescription;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowRun;
import io.servicetsunami.ports.model.WorkflowSignal;
import io.servicetsunami.ports.model.WorkflowState;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.WorkflowEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link WorkflowEngine} that runs nothing: it records what was started, signalled and cancelled
 * and lets the test decide how each workflow ends ({@link #complete}, {@link #fail}). Start is
 * idempotent per running workflow id, as the port requires; a closed id can be started again and
 * gets a new run. Listeners registered with {@link #whenStarted} see every new run, so a test can
 * drive the core's workflow steps synchronously.
 */
public final class InMemoryWorkflowEngine implements WorkflowEngine {

  /** A run this engine started. */
  public record Started(String workflowId, String runId, WorkflowInput input) {
    public WorkflowType type() {
      return input.type();
    }
  }

  private static final class Run {
    final Started started;
    final Instant startedAt;
    final List<WorkflowSignal> signals = new ArrayList<>();
    WorkflowState state = WorkflowState.RUNNING;
    Instant closedAt;
    String failure;

    Run(Started started, Instant startedAt) {
      this.started = started;
      this.startedAt = startedAt;
    }
  }

  private final Clock clock;
  private final Map<String, Run> latest = new HashMap<>();
  private final List<Started> started = new ArrayList<>();
  private final List<String> cancelled = new ArrayList<>();
  private final List<Consumer<Started>> listeners = new ArrayList<>();
  private long runs;
  private boolean unavailable;

  public InMemoryWorkflowEngine() {
    this(new MutableClock());
  }

  public InMemoryWorkflowEngine(Clock clock) {
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public WorkflowRun start(String workflowId, WorkflowInput input) {
    requireNonNull(workflowId, "workflowId is null");
    requireNonNull(input, "input is null");
    Started run;
    List<Consumer<Started>> toNotify;
    synchronized (this) {
      checkAvailable();
      Run current = latest.get(workflowId);
      if (current != null && current.state == WorkflowState.RUNNING) {
        return new WorkflowRun(workflowId, current.started.runId(), true);
      }
      run = new Started(workflowId, "run-" + ++runs, input);
      latest.put(workflowId, new Run(run, clock.now()));
      started.add(run);
      toNotify = List.copyOf(listeners);
    }
    // Outside the lock: a listener may well call back into the engine from another thread.
    toNotify.forEach(listener -> listener.accept(run));
    return new WorkflowRun(workflowId, run.runId(), false);
  }

  @Override
  public synchronized void signal(String workflowId, WorkflowSignal signal) {
    requireNonNull(signal, "signal is null");
    checkAvailable();
    running(workflowId).signals.add(signal);
  }

  @Override
  public synchronized WorkflowDescription describe(String workflowId) {
    checkAvailable();
    Run run = latest.get(workflowId);
    if (run == null) {
      throw new NotFoundException(ErrorCode.WORKFLOW_NOT_FOUND, "no workflow " + workflowId);
    }
    return new WorkflowDescription(
        workflowId,
        run.started.runId(),
        run.started.type(),
        run.state,
        run.startedAt,
        Optional.ofNullable(run.closedAt),
        Optional.ofNullable(run.failure));
  }

  @Override
  public synchronized void cancel(String workflowId) {
    checkAvailable();
    Run run = latest.get(workflowId);
    if (run != null && run.state == WorkflowState.RUNNING) {
      close(run, WorkflowState.CANCELLED, null);
      cancelled.add(workflowId);
    }
  }

  // ---- test helpers ----------------------------------------------------------------------------

  /** Calls {@code listener} with every run started from now on (not with repeated starts). */
  public synchronized void whenStarted(Consumer<Started> listener) {
    listeners.add(requireNonNull(listener, "listener is null"));
  }

  /** Every run started so far, in order. */
  public synchronized List<Started> started() {
    return List.copyOf(started);
  }

  /** The runs of one workflow type started so far, in order. */
  public synchronized List<Started> started(WorkflowType type) {
    return started.stream().filter(s -> s.type() == type).toList();
  }

  /** The input the latest run of the id was started with. */
  public synchronized WorkflowInput inputOf(String workflowId) {
    return known(workflowId).started.input();
  }

  /** The signals the latest run of the id received, in order. */
  public synchronized List<WorkflowSignal> signals(String workflowId) {
    return List.copyOf(known(workflowId).signals);
  }

  public synchronized boolean isRunning(String workflowId) {
    Run run = latest.get(workflowId);
    return run != null && run.state == WorkflowState.RUNNING;
  }

  /** The ids whose running workflow was cancelled through the port, in order. */
  public synchronized List<String> cancelled() {
    return List.copyOf(cancelled);
  }

  /** Ends the running workflow successfully. */
  public synchronized void complete(String workflowId) {
    close(running(workflowId), WorkflowState.COMPLETED, null);
  }

  /** Ends the running workflow with a failure. */
  public synchronized void fail(String workflowId, String message) {
    requireNonNull(message, "message is null");
    close(running(workflowId), WorkflowState.FAILED, message);
  }

  /** Makes every port call fail with {@code workflow_engine_unavailable} until {@code false}. */
  public synchronized void unavailable(boolean down) {
    this.unavailable = down;
  }

  private void close(Run run, WorkflowState state, String failure) {
    run.state = state;
    run.closedAt = clock.now();
    run.failure = failure;
  }

  private Run running(String workflowId) {
    Run run = latest.get(workflowId);
    if (run == null || run.state != WorkflowState.RUNNING) {
      throw new NotFoundException(
          ErrorCode.WORKFLOW_NOT_FOUND, "no running workflow " + workflowId);
    }
    return run;
  }

  private Run known(String workflowId) {
    Run run = latest.get(workflowId);
    if (run == null) {
      throw new IllegalStateException("no workflow " + workflowId + " was started");
    }
    return run;
  }

  private void checkAvailable() {
    if (unavailable) {
      throw new TransientException(
          ErrorCode.WORKFLOW_ENGINE_UNAVAILABLE, "the workflow engine is unavailable");
    }
  }
}
