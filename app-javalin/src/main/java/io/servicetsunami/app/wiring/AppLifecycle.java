package io.servicetsunami.app.wiring;

import static java.util.Objects.requireNonNull;

import dagger.Lazy;
import io.javalin.Javalin;
import io.servicetsunami.adapters.openclaw.OpenClawSkillGateway;
import io.servicetsunami.adapters.persistence.PostgresPersistence;
import io.servicetsunami.adapters.temporal.TemporalConnection;
import io.servicetsunami.adapters.temporal.TemporalWorkers;
import io.servicetsunami.app.http.HttpApi;
import io.servicetsunami.core.pipeline.PipelineService;
import io.servicetsunami.ports.out.Lakehouse;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the app's parts in dependency order and stops them in the reverse: the database, the
 * lakehouse, the gateway connections, Temporal, the workers, then HTTP; at shutdown HTTP stops
 * taking requests, the workers drain, Temporal stops, the gateway connections close, then the
 * lakehouse and the database.
 *
 * <p>Every part is asked for lazily, so that a part that fails to start stops the ones already
 * running instead of leaving a database or a Temporal server behind.
 *
 * <p>Gateway <em>processes</em> of the local instance runtime are tenants' instances, not parts of
 * the app: they keep running (like a pod would) and the next start finds them again.
 */
@Singleton
public final class AppLifecycle implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AppLifecycle.class);

  private record Part(String name, AutoCloseable stop) {}

  private final Lazy<PostgresPersistence> persistence;
  private final Lazy<Lakehouse> lakehouse;
  private final Lazy<OpenClawSkillGateway> gateway;
  private final Lazy<TemporalConnection> temporal;
  private final Lazy<TemporalWorkers> workers;
  private final Lazy<PipelineService> pipelines;
  private final Lazy<HttpApi> httpApi;
  private final Deque<Part> running = new ArrayDeque<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile Javalin server;
  private final WorkerStatus workerStatus;

  @Inject
  AppLifecycle(
      Lazy<PostgresPersistence> persistence,
      Lazy<Lakehouse> lakehouse,
      Lazy<OpenClawSkillGateway> gateway,
      Lazy<TemporalConnection> temporal,
      Lazy<TemporalWorkers> workers,
      Lazy<PipelineService> pipelines,
      Lazy<HttpApi> httpApi,
      WorkerStatus workerStatus) {
    this.persistence = requireNonNull(persistence, "persistence is null");
    this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    this.gateway = requireNonNull(gateway, "gateway is null");
    this.temporal = requireNonNull(temporal, "temporal is null");
    this.workers = requireNonNull(workers, "workers is null");
    this.pipelines = requireNonNull(pipelines, "pipelines is null");
    this.httpApi = requireNonNull(httpApi, "httpApi is null");
    this.workerStatus = requireNonNull(workerStatus, "workerStatus is null");
  }

  /**
   * Starts everything and serves HTTP; returns the server.
   *
   * @throws IllegalStateException (or another runtime exception) when a part cannot start; the
   *     parts already started are stopped again before it is thrown
   */
  public synchronized Javalin start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("already started");
    }
    try {
      PostgresPersistence db = persistence.get();
      running.push(new Part("database", db));
      Lakehouse lake = lakehouse.get();
      if (lake instanceof AutoCloseable closeable) {
        running.push(new Part("lakehouse", closeable));
      }
      running.push(new Part("gateway connections", gateway.get()));
      running.push(new Part("Temporal connection", temporal.get()));
      TemporalWorkers w = workers.get();
      w.start();
      workerStatus.polling(true);
      running.push(
          new Part(
              "Temporal workers",
              () -> {
                workerStatus.polling(false);
                w.close();
              }));
      // The embedded Temporal server forgets schedule loops with the process: start them again.
      int schedules = pipelines.get().ensureSchedules();
      if (schedules > 0) {
        log.info("{} pipeline schedules ensured", schedules);
      }
      Javalin http = httpApi.get().create().start();
      server = http;
      running.push(new Part("HTTP server", http::stop));
      return http;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The running server, once {@link #start()} returned. */
  public Javalin server() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server;
  }

  /** Stops whatever runs, newest first; a part that fails to stop does not keep the rest up. */
  @Override
  public synchronized void close() {
    while (!running.isEmpty()) {
      Part part = running.pop();
      try {
        part.stop().close();
        log.info("stopped {}", part.name());
      } catch (Exception e) {
        log.warn("stopping {} failed: {}", part.name(), e.toString());
      }
    }
  }
}
