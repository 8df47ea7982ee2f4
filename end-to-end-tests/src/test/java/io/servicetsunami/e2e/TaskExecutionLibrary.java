package io.servicetsunami.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.adapters.local.LocalInstanceRuntime;
import io.servicetsunami.adapters.local.LocalRuntimeSettings;
import io.servicetsunami.adapters.openclaw.OpenClawSettings;
import io.servicetsunami.adapters.openclaw.OpenClawSkillGateway;
import io.servicetsunami.adapters.persistence.DatabaseSettings;
import io.servicetsunami.adapters.persistence.PostgresPersistence;
import io.servicetsunami.adapters.persistence.vault.FernetCredentialCipher;
import io.servicetsunami.adapters.temporal.TemporalConnection;
import io.servicetsunami.adapters.temporal.TemporalSettings;
import io.servicetsunami.adapters.temporal.TemporalWorkers;
import io.servicetsunami.core.instance.GatewayEndpoints;
import io.servicetsunami.core.instance.InstanceSettings;
import io.servicetsunami.core.instance.ProvisionInstanceStepsService;
import io.servicetsunami.core.task.AgentRuntimeKind;
import io.servicetsunami.core.task.AgentRuntimes;
import io.servicetsunami.core.task.SubmitTaskService;
import io.servicetsunami.core.task.TaskExecutionStepsService;
import io.servicetsunami.core.workflow.WorkflowCatalog;
import io.servicetsunami.ports.in.SubmitTaskUseCase;
import io.servicetsunami.ports.in.SubmitTaskUseCase.SubmitTaskCommand;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.MemoryType;
import io.servicetsunami.ports.model.RetryPolicy;
import io.servicetsunami.ports.model.StepDefinition;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskPriority;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.WorkflowDefinition;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.AgentRuntime;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.IdGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The task-execution part of ServiceTsunami assembled the way a JVM service that embeds the library
 * assembles it, by hand and with nothing faked: the core's services over an embedded PostgreSQL
 * ({@link PostgresPersistence}), an embedded Temporal server with real workers on the orchestration
 * queue, the Fernet vault, and the {@link AgentRuntime} under test. The embedding service brings
 * its own clock and id generator, as the ports intend.
 *
 * <p>The orchestration queue also hosts OpenClawProvisionWorkflow, so its worker needs the
 * provisioning steps too; they get the local instance runtime in a scratch directory and are never
 * called here.
 */
final class TaskExecutionLibrary implements AutoCloseable {

  /**
   * How long the tests wait for a task to end. The slowest path is a retried step 3 on a cold
   * gateway: one model turn, a retry a second later, the rest of the steps.
   */
  static final Duration TASK_LIMIT = Duration.ofMinutes(3);

  /** The embedding service's clock: the system clock, never going backwards. */
  static final class SystemClock implements Clock {
    private final AtomicReference<Instant> last = new AtomicReference<>(Instant.EPOCH);

    @Override
    public Instant now() {
      Instant wall = Instant.now();
      return last.accumulateAndGet(wall, (before, next) -> next.isAfter(before) ? next : before);
    }
  }

  /** The embedding service's ids: random v4 UUIDs, name-based v3 UUIDs. */
  static final class UuidIds implements IdGenerator {
    @Override
    public UUID newId() {
      return UUID.randomUUID();
    }

    @Override
    public UUID idFor(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("name is blank");
      }
      return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
  }

  final Clock clock = new SystemClock();
  final IdGenerator ids = new UuidIds();
  final PostgresPersistence db;
  final CredentialCipher cipher;
  final GatewayEndpoints endpoints;
  final TemporalConnection temporal;
  final SubmitTaskUseCase submitTask;
  private final Path scratch;
  private final OpenClawSkillGateway provisioningGateway;
  private final TemporalWorkers workers;

  private TaskExecutionLibrary(AgentRuntimes runtimes) throws IOException {
    scratch = Files.createTempDirectory("e2e-task-execution-");
    // Durability buys nothing for a database thrown away at the end of the run.
    db =
        PostgresPersistence.start(
            DatabaseSettings.embedded(scratch.resolve("postgres")).withDurable(false));
    SecureRandom random = new SecureRandom();
    cipher =
        new FernetCredentialCipher(
            List.of(FernetCredentialCipher.generateKey(random)),
            random,
            java.time.Clock.systemUTC());
    endpoints = new GatewayEndpoints(cipher, Optional.empty());
    temporal = TemporalConnection.open(TemporalSettings.embedded(0));

    Map<WorkflowType, WorkflowDefinition> definitions = definitions();
    TaskExecutionStepsService steps =
        new TaskExecutionStepsService(
            db.tasks(),
            db.traces(),
            db.agents(),
            db.memories(),
            db.knowledge(),
            db.tenants(),
            db.instances(),
            runtimes,
            endpoints,
            clock,
            ids);
    provisioningGateway =
        new OpenClawSkillGateway(
            OpenClawSettings.defaults(Files.createDirectories(scratch.resolve("device-keys"))));
    ProvisionInstanceStepsService provisioning =
        new ProvisionInstanceStepsService(
            db.instances(),
            new LocalInstanceRuntime(
                LocalRuntimeSettings.defaults(
                    Files.createDirectories(scratch.resolve("instances")), System.getenv())),
            endpoints,
            provisioningGateway,
            InstanceSettings.defaults("2026.9.6"),
            clock);
    workers =
        temporal
            .workers(definitions)
            .taskExecutionSteps(steps)
            .provisionSteps(provisioning)
            .queues(Set.of(WorkflowCatalog.ORCHESTRATION_QUEUE))
            .build();
    workers.start();
    submitTask = new SubmitTaskService(db.tasks(), temporal.engine(definitions), clock, ids);
  }

  /**
   * Starts the database, Temporal and the workers, with {@code runtime} as {@code kind} behind step
   * 3.
   */
  static TaskExecutionLibrary start(AgentRuntimeKind kind, AgentRuntime runtime) {
    try {
      return new TaskExecutionLibrary(AgentRuntimes.only(kind, runtime));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The core's catalog, except that a failed task step is retried after 1 s rather than 30 s, so
   * that a test of the retry does not sit idle; attempts, backoff and timeouts stay the catalog's.
   */
  static Map<WorkflowType, WorkflowDefinition> definitions() {
    Map<WorkflowType, WorkflowDefinition> all = new EnumMap<>(WorkflowCatalog.all());
    WorkflowDefinition task = all.get(WorkflowType.TASK_EXECUTION);
    all.put(
        WorkflowType.TASK_EXECUTION,
        new WorkflowDefinition(
            task.type(),
            task.taskQueue(),
            task.idPatterns(),
            task.steps().stream().map(TaskExecutionLibrary::quickRetry).toList(),
            task.auxiliarySteps().stream().map(TaskExecutionLibrary::quickRetry).toList()));
    return Map.copyOf(all);
  }

  private static StepDefinition quickRetry(StepDefinition step) {
    RetryPolicy policy = step.retryPolicy();
    return new StepDefinition(
        step.name(),
        step.order(),
        step.startToCloseTimeout(),
        step.heartbeatTimeout(),
        new RetryPolicy(
            policy.maximumAttempts(),
            Duration.ofSeconds(1),
            policy.backoffCoefficient(),
            Duration.ofSeconds(4)),
        step.traceStep());
  }

  // ---- a tenant and its agent ------------------------------------------------------------------

  /** A new tenant with one agent, and one memory of that agent relevant to {@code topic}. */
  record Tenancy(TenantId tenant, AgentId agent, AgentMemory memory) {}

  Tenancy newTenant(String agentInstructions, String llmModel, String topic) {
    Instant now = clock.now();
    TenantId tenant = new TenantId(ids.newId());
    db.tenants().create(new Tenant(tenant, "e2e " + tenant, llmModel, now));
    AgentId agent = new AgentId(ids.newId());
    db.agents()
        .create(
            new Agent(
                agent,
                tenant,
                "runner",
                "runs the end-to-end tasks",
                List.of("research"),
                agentInstructions,
                Optional.of(llmModel),
                Map.of(),
                0,
                now,
                now));
    AgentMemory memory =
        db.memories()
            .save(
                new AgentMemory(
                    new MemoryId(ids.newId()),
                    tenant,
                    agent,
                    MemoryType.FACT,
                    "The " + topic + " report is due on Fridays",
                    0.9,
                    Optional.empty(),
                    0,
                    now,
                    Optional.empty()));
    return new Tenancy(tenant, agent, memory);
  }

  // ---- tasks -----------------------------------------------------------------------------------

  /** Submits a task through the SubmitTask use case, with an id chosen here (a caller may). */
  AgentTask submit(TenantId tenant, TaskId id, String objective) {
    return submitTask
        .submit(
            new SubmitTaskCommand(
                tenant,
                objective,
                "research",
                TaskPriority.NORMAL,
                List.of("research"),
                Map.of("channel", "e2e"),
                false,
                Optional.of(id)))
        .task();
  }

  /** The task once it is completed or failed; fails the test if it is neither in time. */
  AgentTask awaitEnd(TenantId tenant, TaskId id) {
    long deadline = System.nanoTime() + TASK_LIMIT.toNanos();
    while (true) {
      AgentTask task = db.tasks().find(tenant, id).orElseThrow();
      if (task.status().isTerminal()) {
        return task;
      }
      assertThat(System.nanoTime())
          .as("task %s still %s after %s", id, task.status().wire(), TASK_LIMIT)
          .isLessThan(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for task " + id, e);
      }
    }
  }

  /** The task's traces as PostgreSQL returns them: by step order, then time. */
  List<ExecutionTrace> traces(TenantId tenant, TaskId id) {
    return db.traces().listByTask(tenant, id);
  }

  /** The step types of {@code traces} in their order, skill calls left out. */
  static List<String> stepTypes(List<ExecutionTrace> traces) {
    List<String> types = new ArrayList<>();
    for (ExecutionTrace trace : traces) {
      if (!trace.stepType().wire().equals("skill_call")) {
        types.add(trace.stepType().wire() + "@" + trace.stepOrder());
      }
    }
    return types;
  }

  static final List<String> FIVE_STEPS =
      List.of("dispatched@1", "memory_recall@2", "executing@3", "entity_persist@4", "completed@5");

  @Override
  public void close() {
    try {
      workers.close();
    } finally {
      try {
        temporal.close();
      } finally {
        try {
          provisioningGateway.close();
        } finally {
          db.close();
          deleteScratch();
        }
      }
    }
  }

  private void deleteScratch() {
    try (Stream<Path> files = Files.walk(scratch)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
