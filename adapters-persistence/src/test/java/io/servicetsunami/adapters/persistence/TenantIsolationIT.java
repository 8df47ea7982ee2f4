package io.servicetsunami.adapters.persistence;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ChatSession;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.MemoryType;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.model.User;
import io.servicetsunami.ports.model.UserId;
import io.servicetsunami.ports.model.Watermark;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the contracts leave out about tenant isolation in PostgreSQL: tenant B reusing tenant A's
 * ids, or pointing its rows at A's rows, neither reads nor changes A's data. Composite foreign keys
 * ({@code (tenant_id, parent_id)}) make a reference to another tenant's row a missing row.
 */
class TenantIsolationIT implements PostgresPrerequisites {

  private final TenantId a = newTenant();
  private final TenantId b = newTenant();

  @Test
  void anotherTenantsIdIsTakenButNothingOfItLeaksOnCreate() {
    Agent agent = db().agents().create(Fixtures.agent(a));
    AgentTask task = db().tasks().create(Fixtures.task(a));
    Dataset dataset = db().datasets().create(Fixtures.dataset(a));
    DataPipeline pipeline = db().pipelines().create(Fixtures.pipeline(a));
    TenantInstance instance = db().instances().create(Fixtures.instance(a));

    assertPortError(
        ConflictException.class,
        ErrorCode.ALREADY_EXISTS,
        () -> db().agents().create(Fixtures.forTenant(agent, b)));
    assertPortError(
        ConflictException.class,
        ErrorCode.ALREADY_EXISTS,
        () -> db().tasks().create(Fixtures.forTenant(task, b)));
    assertPortError(
        ConflictException.class,
        ErrorCode.ALREADY_EXISTS,
        () -> db().datasets().create(Fixtures.forTenant(dataset, b)));
    assertPortError(
        ConflictException.class,
        ErrorCode.ALREADY_EXISTS,
        () -> db().pipelines().create(Fixtures.forTenant(pipeline, b)));
    TenantInstance sameIdForB =
        new TenantInstance(
            instance.id(),
            b,
            instance.version(),
            instance.status(),
            Fixtures.releaseName(b),
            instance.k8sNamespace(),
            instance.resources(),
            instance.internalUrl(),
            instance.gatewayToken(),
            instance.deviceToken(),
            instance.errorMessage(),
            0,
            instance.createdAt(),
            instance.updatedAt());
    assertPortError(
        ConflictException.class,
        ErrorCode.ALREADY_EXISTS,
        () -> db().instances().create(sameIdForB));

    assertThat(db().agents().find(a, agent.id())).contains(agent);
    assertThat(db().tasks().find(a, task.id())).contains(task);
    assertThat(db().datasets().find(a, dataset.id())).contains(dataset);
    assertThat(db().pipelines().find(a, pipeline.id())).contains(pipeline);
    assertThat(db().instances().find(a, instance.id())).contains(instance);
    assertThat(db().agents().list(b)).isEmpty();
    assertThat(db().tasks().list(b, Optional.empty(), Page.first(10))).isEmpty();
    assertThat(db().datasets().list(b)).isEmpty();
    assertThat(db().pipelines().list(b)).isEmpty();
    assertThat(db().instances().list(b)).isEmpty();
  }

  @Test
  void retriedWritesWithAnotherTenantsIdAreRefusedAndReturnNothingOfIt() {
    TaskId taskOfA = newTask(a);
    ExecutionTrace trace = db().traces().append(Fixtures.trace(a, taskOfA, StepType.DISPATCHED, 1));
    AgentMemory memory = db().memories().save(Fixtures.memory(a, newAgent(a), 0.9));
    PipelineRun run = db().pipelineRuns().create(Fixtures.run(a, newPipeline(a)));
    TaskId taskOfB = newTask(b);

    assertPortError(
        ConflictException.class,
        ErrorCode.ALREADY_EXISTS,
        () ->
            db().traces()
                .append(
                    new ExecutionTrace(
                        trace.id(),
                        taskOfB,
                        b,
                        StepType.DISPATCHED,
                        1,
                        Optional.empty(),
                        Map.of(),
                        1,
                        Fixtures.NOW)));
    assertPortError(
        ConflictException.class,
        ErrorCode.ALREADY_EXISTS,
        () ->
            db().memories()
                .save(
                    new AgentMemory(
                        memory.id(),
                        b,
                        newAgent(b),
                        MemoryType.FACT,
                        "mine now",
                        0.5,
                        Optional.empty(),
                        0,
                        Fixtures.NOW,
                        Optional.empty())));
    assertPortError(
        ConflictException.class,
        ErrorCode.ALREADY_EXISTS,
        () ->
            db().pipelineRuns()
                .create(
                    Fixtures.forTenant(
                        new PipelineRun(
                            run.id(),
                            newPipeline(b),
                            b,
                            run.status(),
                            run.trigger(),
                            run.workflowId(),
                            run.output(),
                            run.error(),
                            run.startedAt(),
                            run.completedAt()),
                        b)));

    assertThat(db().traces().listByTask(a, taskOfA)).containsExactly(trace);
    assertThat(db().traces().listByTask(b, taskOfB)).isEmpty();
    assertThat(db().memories().list(a, memory.agentId())).containsExactly(memory);
    assertThat(db().pipelineRuns().find(a, run.id())).contains(run);
    assertThat(db().pipelineRuns().find(b, run.id())).isEmpty();
  }

  @Test
  void rowsCannotPointAtAnotherTenantsRows() {
    TaskId taskOfA = newTask(a);
    PipelineId pipelineOfA = newPipeline(a);
    Agent agentOfA = db().agents().create(Fixtures.agent(a));
    Dataset datasetOfA = db().datasets().create(Fixtures.dataset(a));

    assertPortError(
        NotFoundException.class,
        ErrorCode.TASK_NOT_FOUND,
        () -> db().traces().append(Fixtures.trace(b, taskOfA, StepType.DISPATCHED, 1)));
    assertPortError(
        NotFoundException.class,
        ErrorCode.AGENT_NOT_FOUND,
        () -> db().memories().save(Fixtures.memory(b, agentOfA.id(), 0.9)));
    assertPortError(
        NotFoundException.class,
        ErrorCode.PIPELINE_NOT_FOUND,
        () -> db().pipelineRuns().create(Fixtures.run(b, pipelineOfA)));
    assertPortError(
        NotFoundException.class,
        ErrorCode.PIPELINE_NOT_FOUND,
        () -> db().watermarks().save(Fixtures.watermark(b, pipelineOfA, "public.orders", "1")));
    AgentTask taskOfB = db().tasks().create(Fixtures.task(b));
    assertPortError(
        NotFoundException.class,
        ErrorCode.AGENT_NOT_FOUND,
        () -> db().tasks().update(taskOfB.withAssignedAgent(agentOfA.id(), Fixtures.at(1))));
    assertPortError(
        NotFoundException.class,
        ErrorCode.DATASET_NOT_FOUND,
        () ->
            db().pipelines()
                .create(
                    new DataPipeline(
                        Fixtures.pipelineId(),
                        b,
                        "Land A's orders",
                        PipelineType.DATASET_SYNC,
                        Map.of(),
                        Optional.of(datasetOfA.id()),
                        Optional.empty(),
                        Optional.empty(),
                        Fixtures.NOW,
                        Fixtures.NOW)));

    assertThat(db().traces().listByTask(a, taskOfA)).isEmpty();
    assertThat(db().memories().list(a, agentOfA.id())).isEmpty();
    assertThat(db().pipelineRuns().listByPipeline(a, pipelineOfA, Page.first(10))).isEmpty();
    assertThat(db().watermarks().find(a, pipelineOfA, "public.orders")).isEmpty();
    assertThat(db().tasks().find(b, taskOfB.id())).contains(taskOfB);
  }

  @Test
  void anotherTenantCannotWriteIntoAnotherTenantsKeyedRows() {
    PipelineId pipelineOfA = newPipeline(a);
    Watermark watermark = Fixtures.watermark(a, pipelineOfA, "public.orders", "42");
    db().watermarks().save(watermark);
    SkillConfig config = db().skillConfigs().save(Fixtures.skillConfig(a, "github"));
    SkillConfig stolen =
        new SkillConfig(
            b,
            "github",
            false,
            true,
            Optional.empty(),
            config.credentialKeys(),
            config.revision(),
            Fixtures.at(5));

    assertPortError(
        ConflictException.class,
        ErrorCode.CONCURRENT_MODIFICATION,
        () -> db().skillConfigs().save(stolen));
    assertThat(db().skillConfigs().find(a, "github")).contains(config);
    assertThat(db().skillConfigs().find(b, "github")).isEmpty();
    assertThat(db().watermarks().find(a, pipelineOfA, "public.orders")).contains(watermark);
  }

  @Test
  void anotherTenantCannotMergeIntoOrReuseAnotherTenantsKnowledgeOrSessions() {
    KnowledgeEntity grace = db().knowledge().upsertEntity(Fixtures.entity(a, "Grace", "person"));
    ChatSession session =
        db().chatSessions().saveIfAbsent(Fixtures.chatSession(a, "conv-" + UUID.randomUUID()));

    assertPortError(
        ConflictException.class,
        ErrorCode.ALREADY_EXISTS,
        () ->
            db().knowledge()
                .upsertEntity(
                    new KnowledgeEntity(
                        grace.id(),
                        b,
                        "Someone else",
                        "person",
                        Map.of("stolen", true),
                        0.9,
                        Optional.empty(),
                        Fixtures.NOW,
                        Fixtures.NOW)));
    assertPortError(
        ConflictException.class,
        ErrorCode.ALREADY_EXISTS,
        () ->
            db().chatSessions()
                .saveIfAbsent(
                    new ChatSession(
                        session.id(),
                        b,
                        session.source(),
                        "conv-" + UUID.randomUUID(),
                        "mine",
                        List.of(),
                        Fixtures.NOW,
                        Optional.empty())));

    assertThat(db().knowledge().findEntity(a, grace.id())).contains(grace);
    assertThat(db().knowledge().findEntity(b, grace.id())).isEmpty();
    assertThat(db().knowledge().listEntities(b, Optional.empty(), Page.first(10))).isEmpty();
    assertThat(db().chatSessions().find(a, session.id())).contains(session);
    assertThat(db().chatSessions().find(b, session.id())).isEmpty();
  }

  @Test
  void usersAreFoundOnlyInTheirTenant() {
    User user =
        db().users()
            .create(
                Fixtures.user(a, "iso-" + UUID.randomUUID().toString().substring(0, 8) + "@x.io"));

    assertThat(db().users().find(b, user.id())).isEmpty();
    assertThat(db().users().find(b, new UserId(UUID.randomUUID()))).isEmpty();
    assertThat(db().users().find(a, user.id())).contains(user);
  }
}
