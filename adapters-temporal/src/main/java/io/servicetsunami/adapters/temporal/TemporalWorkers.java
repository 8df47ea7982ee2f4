package io.servicetsunami.adapters.temporal;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.adapters.temporal.workflow.Registrations;
import io.servicetsunami.ports.in.DataSyncSteps;
import io.servicetsunami.ports.in.ProvisionInstanceSteps;
import io.servicetsunami.ports.in.TaskExecutionSteps;
import io.servicetsunami.ports.model.WorkflowDefinition;
import io.servicetsunami.ports.model.WorkflowType;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Temporal worker per task queue ({@code servicetsunami-orchestration}, {@code
 * servicetsunami-databricks}), hosting the workflows whose definitions name that queue and the
 * activities they call, backed by the core's step services.
 *
 * <p>Runs inside the app process ({@link #start()}, {@link #close()} on shutdown) or as a separate
 * worker process ({@link #runUntilShutdown()}); the app exposes the latter as {@code java -jar
 * servicetsunami.jar worker [--queues servicetsunami-orchestration,servicetsunami-databricks]},
 * with {@code TEMPORAL_ADDRESS} pointing at the server (the app's embedded server listens on {@code
 * 127.0.0.1:7233} by default).
 *
 * <p>Shutdown is graceful: polling stops, in-flight workflow and activity tasks get {@link
 * TemporalSettings#shutdownGrace()} to finish, and only then are the rest interrupted. An
 * interrupted activity is retried by Temporal on another worker once its timeout passes, which the
 * idempotent steps allow.
 */
public final class TemporalWorkers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TemporalWorkers.class);

  private final WorkerFactory factory;
  private final ScheduledExecutorService heartbeats;
  private final Set<String> queues;
  private final Duration grace;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();

  private TemporalWorkers(
      WorkerFactory factory,
      ScheduledExecutorService heartbeats,
      Set<String> queues,
      Duration grace) {
    this.factory = factory;
    this.heartbeats = heartbeats;
    this.queues = queues;
    this.grace = grace;
  }

  /** Collects the step services and the queues to serve. */
  public static final class Builder {
    private final TemporalConnection connection;
    private final Map<WorkflowType, WorkflowDefinition> definitions;
    private TaskExecutionSteps taskExecution;
    private ProvisionInstanceSteps provision;
    private DataSyncSteps dataSync;
    private Set<String> queues;

    Builder(TemporalConnection connection, Map<WorkflowType, WorkflowDefinition> definitions) {
      this.connection = requireNonNull(connection, "connection is null");
      this.definitions = Map.copyOf(requireNonNull(definitions, "definitions is null"));
      Registrations.requireSupported(this.definitions);
    }

    public Builder taskExecutionSteps(TaskExecutionSteps steps) {
      this.taskExecution = requireNonNull(steps, "steps is null");
      return this;
    }

    public Builder provisionSteps(ProvisionInstanceSteps steps) {
      this.provision = requireNonNull(steps, "steps is null");
      return this;
    }

    public Builder dataSyncSteps(DataSyncSteps steps) {
      this.dataSync = requireNonNull(steps, "steps is null");
      return this;
    }

    /** Serve only these queues (default: every queue the definitions name). */
    public Builder queues(Set<String> queues) {
      Set<String> known = Registrations.queues(definitions);
      for (String queue : queues) {
        if (!known.contains(queue)) {
          throw new IllegalArgumentException(
              "no workflow runs on queue " + queue + "; known: " + known);
        }
      }
      this.queues = new LinkedHashSet<>(queues);
      return this;
    }

    /**
     * Creates the workers (not yet polling).
     *
     * @throws IllegalStateException if a served queue hosts a workflow whose steps are missing
     */
    public TemporalWorkers build() {
      Set<String> served = queues != null ? queues : Registrations.queues(definitions);
      WorkerFactory factory = WorkerFactory.newInstance(connection.client());
      ScheduledExecutorService heartbeats =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "servicetsunami-activity-heartbeats");
                thread.setDaemon(true);
                return thread;
              });
      WorkerOptions.Builder options = WorkerOptions.newBuilder();
      if (connection.isTestServer()) {
        // No sticky queues on the embedded server: it would strand a workflow on the sticky queue
        // of a worker process that died. Every workflow task then replays the (short) history.
        options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
      }
      WorkerOptions workerOptions = options.build();
      try {
        Registrations.register(
            queue -> factory.newWorker(queue, workerOptions),
            definitions,
            List.copyOf(served),
            new Registrations.StepServices(
                Optional.ofNullable(taskExecution),
                Optional.ofNullable(provision),
                Optional.ofNullable(dataSync)),
            new TemporalWorkflowEngine(
                connection.client(), definitions, connection.settings().approvalExpiry()),
            heartbeats);
      } catch (RuntimeException e) {
        heartbeats.shutdownNow();
        factory.shutdownNow();
        throw e;
      }
      return new TemporalWorkers(
          factory, heartbeats, Set.copyOf(served), connection.settings().shutdownGrace());
    }
  }

  /** Starts polling every served queue. */
  public void start() {
    factory.start();
    log.info("Temporal workers polling {}", queues);
  }

  public Set<String> queues() {
    return queues;
  }

  /**
   * For a worker process: starts polling and blocks until the JVM is asked to stop (SIGTERM,
   * Ctrl-C), then shuts down gracefully.
   */
  public void runUntilShutdown() throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "servicetsunami-worker-shutdown"));
    start();
    stopped.await();
  }

  /** Stops polling, lets in-flight tasks finish within the grace period, then interrupts them. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      factory.shutdown();
      factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
      if (!factory.isTerminated()) {
        log.warn("Temporal workers still busy after {}; interrupting", grace);
        factory.shutdownNow();
        factory.awaitTermination(5, TimeUnit.SECONDS);
      }
    } finally {
      heartbeats.shutdownNow();
      stopped.countDown();
    }
  }
}
