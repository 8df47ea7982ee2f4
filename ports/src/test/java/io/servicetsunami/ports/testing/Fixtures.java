package io.servicetsunami.ports.testing;

import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ChatMessage;
import io.servicetsunami.ports.model.ChatSession;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.ChatSource;
import io.servicetsunami.ports.model.ConnectorSyncConfig;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.DatasetFormat;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.EntityId;
import io.servicetsunami.ports.model.ExecutionId;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.KnowledgeRelation;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.MemoryType;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.RelationId;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.RunStatus;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.SkillKind;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.SyncMode;
import io.servicetsunami.ports.model.SyncStatus;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskPriority;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.model.TraceId;
import io.servicetsunami.ports.model.TriggerSource;
import io.servicetsunami.ports.model.User;
import io.servicetsunami.ports.model.UserId;
import io.servicetsunami.ports.model.Watermark;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import io.servicetsunami.ports.out.SkillGateway.SkillInvocation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Ready-made domain values for tests, in the spirit of ddd-by-examples' {@code BookFixture}: each
 * method returns a valid, typical value that a test changes only where it matters. Ids are random,
 * so fixtures never collide in a shared database; times are whole seconds around {@link #NOW}, so
 * they survive a round trip through any store unchanged.
 */
public final class Fixtures {

  /** The instant fixtures are created at, and where {@link MutableClock} starts. */
  public static final Instant NOW = Instant.parse("2025-01-01T09:00:00Z");

  /** The OpenClaw version fixtures deploy. */
  public static final String OPENCLAW_VERSION = "2026.1.29";

  private Fixtures() {}

  // ---- ids -------------------------------------------------------------------------------------

  public static TenantId tenantId() {
    return new TenantId(UUID.randomUUID());
  }

  public static UserId userId() {
    return new UserId(UUID.randomUUID());
  }

  public static AgentId agentId() {
    return new AgentId(UUID.randomUUID());
  }

  public static TaskId taskId() {
    return new TaskId(UUID.randomUUID());
  }

  public static InstanceId instanceId() {
    return new InstanceId(UUID.randomUUID());
  }

  public static PipelineId pipelineId() {
    return new PipelineId(UUID.randomUUID());
  }

  public static RunId runId() {
    return new RunId(UUID.randomUUID());
  }

  public static DatasetId datasetId() {
    return new DatasetId(UUID.randomUUID());
  }

  public static ExecutionId executionId() {
    return new ExecutionId(UUID.randomUUID());
  }

  /** The {@code n}-th second after {@link #NOW}, for values that must be ordered in time. */
  public static Instant at(int secondsAfterNow) {
    return NOW.plusSeconds(secondsAfterNow);
  }

  // ---- tenants and users -----------------------------------------------------------------------

  public static Tenant tenant() {
    return tenant(tenantId());
  }

  public static Tenant tenant(TenantId id) {
    return new Tenant(id, "Tenant " + shortId(id.value()), "claude-sonnet-4-5", NOW);
  }

  /** An active user with a unique lower-case e-mail address. */
  public static User user(TenantId tenant) {
    return user(tenant, "user-" + shortId(UUID.randomUUID()) + "@example.com");
  }

  public static User user(TenantId tenant, String email) {
    return new User(userId(), tenant, email, "Ada Lovelace", "fake-sha256$1$00", true, NOW);
  }

  public static Principal principal(TenantId tenant) {
    return new Principal(userId(), tenant, "user-" + shortId(UUID.randomUUID()) + "@example.com");
  }

  // ---- agents and tasks ------------------------------------------------------------------------

  /** A research agent at revision 0. */
  public static Agent agent(TenantId tenant) {
    return agent(tenant, NOW);
  }

  public static Agent agent(TenantId tenant, Instant createdAt) {
    return new Agent(
        agentId(),
        tenant,
        "Researcher",
        "Finds and summarises sources",
        List.of("research", "summarize"),
        "Cite every source.",
        Optional.empty(),
        Map.of(),
        0,
        createdAt,
        createdAt);
  }

  /** The same agent, claimed by another tenant: for isolation tests. */
  public static Agent forTenant(Agent agent, TenantId tenant) {
    return new Agent(
        agent.id(),
        tenant,
        agent.name(),
        agent.description(),
        agent.capabilities(),
        agent.instructions(),
        agent.llmModel(),
        agent.skillStats(),
        agent.revision(),
        agent.createdAt(),
        agent.updatedAt());
  }

  /** A queued research task, as submitted. */
  public static AgentTask task(TenantId tenant) {
    return task(tenant, NOW);
  }

  public static AgentTask task(TenantId tenant, Instant createdAt) {
    return AgentTask.submitted(
        taskId(),
        tenant,
        "Summarise the quarterly report",
        "research",
        TaskPriority.NORMAL,
        List.of("research"),
        Map.of("source", "q3-report.pdf"),
        false,
        createdAt);
  }

  /** The same task, claimed by another tenant: for isolation tests. */
  public static AgentTask forTenant(AgentTask task, TenantId tenant) {
    return new AgentTask(
        task.id(),
        tenant,
        task.objective(),
        task.taskType(),
        task.priority(),
        task.requiredCapabilities(),
        task.context(),
        task.requiresApproval(),
        task.status(),
        task.assignedAgentId(),
        task.output(),
        task.confidence(),
        task.error(),
        task.approvedBy(),
        task.revision(),
        task.createdAt(),
        task.updatedAt(),
        task.startedAt(),
        task.completedAt());
  }

  public static ExecutionTrace trace(TenantId tenant, TaskId task, StepType type, int stepOrder) {
    return trace(tenant, task, type, stepOrder, NOW);
  }

  public static ExecutionTrace trace(
      TenantId tenant, TaskId task, StepType type, int stepOrder, Instant createdAt) {
    return new ExecutionTrace(
        new TraceId(UUID.randomUUID()),
        task,
        tenant,
        type,
        stepOrder,
        Optional.empty(),
        Map.of("step", type.wire()),
        120,
        createdAt);
  }

  public static AgentMemory memory(TenantId tenant, AgentId agent, double importance) {
    return memory(tenant, agent, importance, NOW);
  }

  public static AgentMemory memory(
      TenantId tenant, AgentId agent, double importance, Instant createdAt) {
    return new AgentMemory(
        new MemoryId(UUID.randomUUID()),
        tenant,
        agent,
        MemoryType.FACT,
        "The customer prefers weekly summaries (" + importance + ")",
        importance,
        Optional.empty(),
        0,
        createdAt,
        Optional.empty());
  }

  // ---- instances -------------------------------------------------------------------------------

  /** The release name the original system gives a tenant's gateway: {@code openclaw-{id[:8]}}. */
  public static String releaseName(TenantId tenant) {
    return "openclaw-" + tenant.value().toString().substring(0, 8);
  }

  /** A provisioning instance in namespace {@code prod} with the default resources. */
  public static TenantInstance instance(TenantId tenant) {
    return instance(tenant, releaseName(tenant));
  }

  public static TenantInstance instance(TenantId tenant, String release) {
    return new TenantInstance(
        instanceId(),
        tenant,
        OPENCLAW_VERSION,
        InstanceStatus.PROVISIONING,
        release,
        "prod",
        ResourceSpec.DEFAULT,
        Optional.empty(),
        Optional.of(new EncryptedSecret("fake-ciphertext-of-gateway-token")),
        Optional.empty(),
        Optional.empty(),
        0,
        NOW,
        NOW);
  }

  /** The same instance, claimed by another tenant: for isolation tests. */
  public static TenantInstance forTenant(TenantInstance instance, TenantId tenant) {
    return new TenantInstance(
        instance.id(),
        tenant,
        instance.version(),
        instance.status(),
        instance.helmRelease(),
        instance.k8sNamespace(),
        instance.resources(),
        instance.internalUrl(),
        instance.gatewayToken(),
        instance.deviceToken(),
        instance.errorMessage(),
        instance.revision(),
        instance.createdAt(),
        instance.updatedAt());
  }

  public static InstanceSpec instanceSpec(TenantId tenant) {
    return new InstanceSpec(
        tenant,
        instanceId(),
        new ReleaseRef("prod", releaseName(tenant)),
        OPENCLAW_VERSION,
        ResourceSpec.DEFAULT);
  }

  public static GatewayEndpoint endpoint(InstanceId instance, String url) {
    return new GatewayEndpoint(instance, url, Secret.of("gateway-token"), Optional.empty());
  }

  /** An endpoint of a fresh instance at a unique in-cluster URL. */
  public static GatewayEndpoint endpoint() {
    InstanceId instance = instanceId();
    return endpoint(
        instance, "http://openclaw-" + shortId(instance.value()) + ".prod.svc.cluster.local:18789");
  }

  // ---- skills ----------------------------------------------------------------------------------

  /** An enabled skill without approval gate, expecting an {@code api_key}; revision 0 (new). */
  public static SkillConfig skillConfig(TenantId tenant, String skill) {
    return new SkillConfig(tenant, skill, true, false, Optional.empty(), Set.of("api_key"), 0, NOW);
  }

  public static SkillCredential credential(TenantId tenant, String skill, String key) {
    return new SkillCredential(
        tenant, skill, key, new EncryptedSecret("ciphertext-" + skill + "-" + key), NOW);
  }

  public static SkillInvocation invocation(String skill, Map<String, Object> input) {
    ExecutionId execution = executionId();
    return new SkillInvocation(
        execution,
        skill,
        SkillKind.TOOL,
        input,
        "claude-sonnet-4-5",
        Map.of(),
        "skill-" + execution);
  }

  public static SkillInvocation invocation(
      String skill, Map<String, Object> input, Map<String, Secret> credentials) {
    ExecutionId execution = executionId();
    return new SkillInvocation(
        execution,
        skill,
        SkillKind.TOOL,
        input,
        "claude-sonnet-4-5",
        credentials,
        "skill-" + execution);
  }

  // ---- knowledge -------------------------------------------------------------------------------

  public static KnowledgeEntity entity(TenantId tenant, String name, String type) {
    return new KnowledgeEntity(
        new EntityId(UUID.randomUUID()),
        tenant,
        name,
        type,
        Map.of(),
        0.5,
        Optional.of("task:fixture"),
        NOW,
        NOW);
  }

  public static KnowledgeRelation relation(
      TenantId tenant, EntityId from, EntityId to, String type) {
    return new KnowledgeRelation(
        new RelationId(UUID.randomUUID()), tenant, from, to, type, 0.5, NOW);
  }

  public static ChatSession chatSession(TenantId tenant, String externalId) {
    return new ChatSession(
        new ChatSessionId(UUID.randomUUID()),
        tenant,
        ChatSource.CHATGPT,
        externalId,
        "Planning the launch",
        List.of(
            new ChatMessage("user", "Who runs the launch at Acme?", Optional.of(NOW)),
            new ChatMessage("assistant", "Grace Hopper leads it.", Optional.of(NOW))),
        NOW,
        Optional.empty());
  }

  // ---- data ------------------------------------------------------------------------------------

  public static Dataset dataset(TenantId tenant) {
    return dataset(tenant, NOW);
  }

  public static Dataset dataset(TenantId tenant, Instant createdAt) {
    DatasetId id = datasetId();
    return new Dataset(
        id,
        tenant,
        "orders",
        DatasetFormat.CSV,
        "memory://" + tenant + "/" + id,
        0,
        SyncStatus.PENDING,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        createdAt,
        createdAt);
  }

  /** The same dataset, claimed by another tenant: for isolation tests. */
  public static Dataset forTenant(Dataset dataset, TenantId tenant) {
    return new Dataset(
        dataset.id(),
        tenant,
        dataset.name(),
        dataset.format(),
        dataset.storageRef(),
        dataset.rowCount(),
        dataset.syncStatus(),
        dataset.bronzeTable(),
        dataset.silverTable(),
        dataset.lastError(),
        dataset.lastSyncedAt(),
        dataset.createdAt(),
        dataset.updatedAt());
  }

  /** An unscheduled agent-kit pipeline: it refers to no other row. */
  public static DataPipeline pipeline(TenantId tenant) {
    return pipeline(tenant, NOW);
  }

  public static DataPipeline pipeline(TenantId tenant, Instant createdAt) {
    return new DataPipeline(
        pipelineId(),
        tenant,
        "Weekly digest",
        PipelineType.AGENT_KIT,
        Map.of("kit", "digest"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        createdAt,
        createdAt);
  }

  /** An incremental PostgreSQL pipeline of table {@code public.orders} on {@code schedule}. */
  public static DataPipeline connectorPipeline(TenantId tenant, Optional<Schedule> schedule) {
    return new DataPipeline(
        pipelineId(),
        tenant,
        "Orders from PostgreSQL",
        PipelineType.CONNECTOR_SYNC,
        Map.of(),
        Optional.empty(),
        Optional.of(
            new ConnectorSyncConfig(
                ConnectorType.POSTGRESQL,
                "postgresql",
                List.of(
                    incrementalTable("public.orders"),
                    new TableSync(
                        "public.accounts",
                        SyncMode.INCREMENTAL,
                        List.of("id"),
                        Optional.of("updated_at"),
                        Duration.ofMinutes(5),
                        Optional.of("is_deleted"))))),
        schedule,
        NOW,
        NOW);
  }

  /** The same pipeline, claimed by another tenant: for isolation tests. */
  public static DataPipeline forTenant(DataPipeline pipeline, TenantId tenant) {
    return new DataPipeline(
        pipeline.id(),
        tenant,
        pipeline.name(),
        pipeline.type(),
        pipeline.config(),
        pipeline.datasetId(),
        pipeline.connector(),
        pipeline.schedule(),
        pipeline.createdAt(),
        pipeline.updatedAt());
  }

  public static TableSync incrementalTable(String table) {
    return new TableSync(
        table, SyncMode.INCREMENTAL, List.of("id"), Optional.of("updated_at"), Duration.ZERO);
  }

  public static TableSync fullTable(String table) {
    return new TableSync(table, SyncMode.FULL, List.of("id"), Optional.empty(), Duration.ZERO);
  }

  public static PipelineRun run(TenantId tenant, PipelineId pipeline) {
    return run(tenant, pipeline, NOW);
  }

  public static PipelineRun run(TenantId tenant, PipelineId pipeline, Instant startedAt) {
    RunId id = runId();
    return new PipelineRun(
        id,
        pipeline,
        tenant,
        RunStatus.RUNNING,
        TriggerSource.MANUAL,
        "pipeline-" + pipeline + "-" + id,
        Map.of(),
        Optional.empty(),
        startedAt,
        Optional.empty());
  }

  /** The same run, finished with {@code status} at {@code completedAt}. */
  public static PipelineRun finished(PipelineRun run, RunStatus status, Instant completedAt) {
    return new PipelineRun(
        run.id(),
        run.pipelineId(),
        run.tenantId(),
        status,
        run.trigger(),
        run.workflowId(),
        Map.of("rows", 42),
        status == RunStatus.FAILED ? Optional.of("source unreachable") : Optional.empty(),
        run.startedAt(),
        Optional.of(completedAt));
  }

  /** The same run, claimed by another tenant: for isolation tests. */
  public static PipelineRun forTenant(PipelineRun run, TenantId tenant) {
    return new PipelineRun(
        run.id(),
        run.pipelineId(),
        tenant,
        run.status(),
        run.trigger(),
        run.workflowId(),
        run.output(),
        run.error(),
        run.startedAt(),
        run.completedAt());
  }

  public static Watermark watermark(
      TenantId tenant, PipelineId pipeline, String table, String value) {
    return new Watermark(tenant, pipeline, table, "updated_at", value, NOW);
  }

  private static String shortId(UUID id) {
    return id.toString().substring(0, 8);
  }
}
