package io.servicetsunami.adapters.temporal;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.adapters.temporal.TemporalSettings.Mode;
import io.servicetsunami.adapters.temporal.workflow.Registrations;
import io.servicetsunami.ports.model.WorkflowDefinition;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.WorkflowEngine;
import io.servicetsunami.ports.out.WorkflowSchedules;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One connection to Temporal, as {@link TemporalSettings} say: the embedded server on loopback
 * (started here, closed last) or the server at {@code TEMPORAL_ADDRESS}. Hands out the engine, the
 * schedules and the workers over it; nothing outside this package sees a Temporal type.
 *
 * <p>Typical wiring in the app: {@code open(fromEnvironment(System.getenv()))}, then {@code
 * engine(WorkflowCatalog.all())}, {@code schedules(...)}, and {@code workers(...)} with the core's
 * step services — in the app process, or in a separate worker process that sets {@code
 * TEMPORAL_ADDRESS} to the app's embedded server or the production cluster.
 */
public final class TemporalConnection implements AutoCloseable {

  private final TemporalSettings settings;
  private final Optional<EmbeddedTemporalServer> server;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final String target;

  private TemporalConnection(
      TemporalSettings settings,
      Optional<EmbeddedTemporalServer> server,
      WorkflowServiceStubs stubs,
      WorkflowClient client,
      String target) {
    this.settings = settings;
    this.server = server;
    this.stubs = stubs;
    this.client = client;
    this.target = target;
  }

  /** Connects (embedded: starts the loopback server first). */
  public static TemporalConnection open(TemporalSettings settings) {
    requireNonNull(settings, "settings is null");
    if (settings.mode() == Mode.EMBEDDED) {
      EmbeddedTemporalServer server = EmbeddedTemporalServer.start(settings.embeddedPort());
      try {
        WorkflowServiceStubs stubs =
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
        WorkflowClient client =
            WorkflowClient.newInstance(
                stubs,
                WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
        return new TemporalConnection(
            settings, Optional.of(server), stubs, client, server.address());
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
    ClientConfigProfile profile;
    try {
      profile =
          ClientConfigProfile.load(
              LoadClientConfigProfileOptions.newBuilder()
                  .setEnvOverrides(settings.environment())
                  .build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Temporal client configuration", e);
    }
    WorkflowServiceStubsOptions stubOptions =
        WorkflowServiceStubsOptions.newBuilder(profile.toWorkflowServiceStubsOptions())
            .setTarget(settings.address().orElseThrow())
            .build();
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(stubOptions);
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder(profile.toWorkflowClientOptions())
                .setNamespace(settings.namespace())
                .build());
    return new TemporalConnection(
        settings, Optional.empty(), stubs, client, settings.address().orElseThrow());
  }

  public TemporalSettings settings() {
    return settings;
  }

  /** Where the server is, {@code host:port}; for the embedded server {@code 127.0.0.1:port}. */
  public String target() {
    return target;
  }

  public String namespace() {
    return settings.namespace();
  }

  /** The workflow engine for these definitions (the core's catalog). */
  public WorkflowEngine engine(Map<WorkflowType, WorkflowDefinition> definitions) {
    Registrations.requireSupported(definitions);
    return new TemporalWorkflowEngine(client, definitions, settings.approvalExpiry());
  }

  /**
   * Schedules through the Schedules API on a real server; the timer-loop fallback on the embedded
   * server, which has no Schedules API.
   */
  public WorkflowSchedules schedules(Map<WorkflowType, WorkflowDefinition> definitions) {
    Registrations.requireSupported(definitions);
    if (settings.mode() == Mode.EMBEDDED) {
      return new TimerLoopWorkflowSchedules(client, definitions);
    }
    return new TemporalWorkflowSchedules(
        ScheduleClient.newInstance(
            stubs, ScheduleClientOptions.newBuilder().setNamespace(settings.namespace()).build()),
        definitions);
  }

  /** Workers for these definitions; add the step services, choose the queues, then build. */
  public TemporalWorkers.Builder workers(Map<WorkflowType, WorkflowDefinition> definitions) {
    return new TemporalWorkers.Builder(this, definitions);
  }

  /**
   * Whether the server is Temporal's Java test server — the embedded mode's server, also when a
   * worker process reaches it through {@code TEMPORAL_ADDRESS}. That server never moves a workflow
   * task off the sticky queue of a worker that died (a real server does after 5 s), so workers
   * there must not use sticky queues. It reports an empty server version; a server that cannot be
   * asked is taken for a real one.
   */
  boolean isTestServer() {
    if (server.isPresent()) {
      return true;
    }
    try {
      return stubs
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
          .getServerVersion()
          .isEmpty();
    } catch (RuntimeException unreachable) {
      return false;
    }
  }

  WorkflowClient client() {
    return client;
  }

  WorkflowServiceStubs stubs() {
    return stubs;
  }

  /** Closes the connection, then the embedded server; stop the workers first. */
  @Override
  public void close() {
    stubs.shutdown();
    stubs.awaitTermination(5, TimeUnit.SECONDS);
    server.ifPresent(EmbeddedTemporalServer::close);
  }
}
