package io.servicetsunami.core.task;

import io.servicetsunami.core.instance.GatewayEndpoints;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.MemoryType;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillStats;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskPriority;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.out.AgentRepository;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.testing.FakeAgentRuntime;
import io.servicetsunami.ports.testing.FakeCredentialCipher;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemoryAgentMemoryRepository;
import io.servicetsunami.ports.testing.InMemoryAgentRepository;
import io.servicetsunami.ports.testing.InMemoryAgentTaskRepository;
import io.servicetsunami.ports.testing.InMemoryExecutionTraceRepository;
import io.servicetsunami.ports.testing.InMemoryKnowledgeGraphRepository;
import io.servicetsunami.ports.testing.InMemoryTenantInstanceRepository;
import io.servicetsunami.ports.testing.InMemoryTenantRepository;
import io.servicetsunami.ports.testing.InMemoryWorkflowEngine;
import io.servicetsunami.ports.testing.MutableClock;
import io.servicetsunami.ports.testing.SequentialIdGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One tenant's world of in-memory fakes and the task services wired to them, by hand, as the
 * composition root would. The clock advances a little on every reading, so measured durations are
 * positive.
 */
final class TaskWorld {

  static final String TENANT_MODEL = "claude-sonnet-4-5";

  final MutableClock clock = new MutableClock().autoAdvance(Duration.ofMillis(7));
  final SequentialIdGenerator ids = new SequentialIdGenerator();
  final InMemoryAgentTaskRepository tasks = new InMemoryAgentTaskRepository();
  final InMemoryExecutionTraceRepository traces = new InMemoryExecutionTraceRepository();
  final InMemoryAgentRepository agents = new InMemoryAgentRepository();
  final InMemoryAgentMemoryRepository memories = new InMemoryAgentMemoryRepository();
  final InMemoryKnowledgeGraphRepository knowledge = new InMemoryKnowledgeGraphRepository();
  final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
  final InMemoryTenantInstanceRepository instances = new InMemoryTenantInstanceRepository();

  /**
   * The runtime every task runs on unless a test chooses others by {@link #steps(AgentRuntimes)}.
   */
  final FakeAgentRuntime runtime = new FakeAgentRuntime();

  final FakeCredentialCipher cipher = new FakeCredentialCipher();
  final InMemoryWorkflowEngine workflows = new InMemoryWorkflowEngine(clock);
  final TenantId tenant = newTenant();

  /** The steps wired to this world's fakes, without a shared gateway token. */
  TaskExecutionStepsService steps() {
    return steps(tasks, agents, Optional.empty());
  }

  TaskExecutionStepsService steps(Optional<Secret> fallbackGatewayToken) {
    return steps(tasks, agents, fallbackGatewayToken);
  }

  /** The steps with other task and agent stores, e.g. ones that stage a race. */
  TaskExecutionStepsService steps(
      AgentTaskRepository taskStore,
      AgentRepository agentStore,
      Optional<Secret> fallbackGatewayToken) {
    return steps(
        taskStore,
        agentStore,
        fallbackGatewayToken,
        AgentRuntimes.only(AgentRuntimeKind.ADK, runtime));
  }

  /** The steps with other agent runtimes and a policy choosing among them. */
  TaskExecutionStepsService steps(AgentRuntimes runtimes) {
    return steps(tasks, agents, Optional.empty(), runtimes);
  }

  private TaskExecutionStepsService steps(
      AgentTaskRepository taskStore,
      AgentRepository agentStore,
      Optional<Secret> fallbackGatewayToken,
      AgentRuntimes runtimes) {
    return new TaskExecutionStepsService(
        taskStore,
        traces,
        agentStore,
        memories,
        knowledge,
        tenants,
        instances,
        runtimes,
        new GatewayEndpoints(cipher, fallbackGatewayToken),
        clock,
        ids);
  }

  TenantId newTenant() {
    TenantId id = Fixtures.tenantId();
    tenants.create(new Tenant(id, "Tenant", TENANT_MODEL, Fixtures.NOW));
    return id;
  }

  Agent agent(String name, List<String> capabilities) {
    return agent(tenant, name, capabilities, Map.of());
  }

  Agent agent(String name, List<String> capabilities, Map<String, SkillStats> stats) {
    return agent(tenant, name, capabilities, stats);
  }

  Agent agent(
      TenantId owner, String name, List<String> capabilities, Map<String, SkillStats> stats) {
    Instant now = clock.now();
    return agents.create(
        new Agent(
            new AgentId(UUID.randomUUID()),
            owner,
            name,
            name + " agent",
            capabilities,
            "You are " + name + ". Cite every source.",
            Optional.empty(),
            stats,
            0,
            now,
            now));
  }

  AgentTask task(List<String> capabilities) {
    return task("Summarise the quarterly report of Acme", capabilities, false);
  }

  AgentTask task(String objective, List<String> capabilities, boolean requiresApproval) {
    return tasks.create(
        AgentTask.submitted(
            new TaskId(UUID.randomUUID()),
            tenant,
            objective,
            "research",
            TaskPriority.NORMAL,
            capabilities,
            Map.of("source", "q3-report.pdf"),
            requiresApproval,
            clock.now()));
  }

  AgentTask reload(AgentTask task) {
    return tasks.find(task.tenantId(), task.id()).orElseThrow();
  }

  Agent reload(Agent agent) {
    return agents.find(agent.tenantId(), agent.id()).orElseThrow();
  }

  AgentMemory memory(Agent agent, String content, double importance) {
    return memories.save(
        new AgentMemory(
            new MemoryId(UUID.randomUUID()),
            tenant,
            agent.id(),
            MemoryType.FACT,
            content,
            importance,
            Optional.empty(),
            0,
            clock.now(),
            Optional.empty()));
  }

  AgentMemory storedMemory(MemoryId id) {
    return memories.all().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
  }

  /** A running instance of the tenant, with its own gateway token unless {@code token} is empty. */
  TenantInstance runningInstance(Optional<String> token, Optional<String> deviceToken) {
    TenantInstance template = Fixtures.instance(tenant);
    Optional<EncryptedSecret> gatewayToken = token.map(t -> cipher.encrypt(tenant, Secret.of(t)));
    Optional<EncryptedSecret> device = deviceToken.map(t -> cipher.encrypt(tenant, Secret.of(t)));
    return instances.create(
        new TenantInstance(
            template.id(),
            tenant,
            template.version(),
            InstanceStatus.RUNNING,
            template.helmRelease(),
            template.k8sNamespace(),
            template.resources(),
            Optional.of("http://" + template.helmRelease() + ".prod.svc.cluster.local:18789"),
            gatewayToken,
            device,
            Optional.empty(),
            0,
            Fixtures.NOW,
            Fixtures.NOW));
  }

  List<ExecutionTrace> traces(AgentTask task) {
    return traces.listByTask(task.tenantId(), task.id());
  }

  List<ExecutionTrace> traces(AgentTask task, StepType type) {
    return traces(task).stream().filter(t -> t.stepType() == type).toList();
  }

  ExecutionTrace onlyTrace(AgentTask task, StepType type) {
    List<ExecutionTrace> found = traces(task, type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.wire() + " trace, found " + found);
    }
    return found.get(0);
  }
}
