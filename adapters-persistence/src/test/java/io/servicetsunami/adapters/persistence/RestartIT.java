package io.servicetsunami.adapters.persistence;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ChatSession;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.KnowledgeRelation;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.model.User;
import io.servicetsunami.ports.model.Watermark;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded server keeps its data: write every kind of row, close the pool and stop the server,
 * start again on the same data directory and read everything back. Always embedded, whatever {@code
 * TEST_DATABASE_URL} says: it tests the embedded mode.
 */
class RestartIT {

  private final Path root = TestDatabase.temporaryDirectory("servicetsunami-restart-");

  /** Not there yet: the first start creates it. */
  private final Path dataDirectory = root.resolve("data").resolve("postgres");

  @AfterEach
  void deleteDataDirectory() {
    TestDatabase.deleteRecursively(root);
  }

  @Test
  void everythingWrittenIsReadBackAfterARestartOnTheSameDataDirectory() {
    Tenant tenant = Fixtures.tenant();
    User user;
    Agent agent;
    AgentTask task;
    ExecutionTrace trace;
    TenantInstance instance;
    SkillConfig config;
    SkillCredential credential;
    AgentMemory memory;
    KnowledgeEntity grace;
    KnowledgeEntity acme;
    KnowledgeRelation worksAt;
    Dataset dataset;
    DataPipeline pipeline;
    PipelineRun run;
    Watermark watermark;
    ChatSession session;

    try (PostgresPersistence db = PostgresPersistence.start(settings())) {
      db.tenants().create(tenant);
      user = db.users().create(Fixtures.user(tenant.id()));
      agent = db.agents().create(Fixtures.agent(tenant.id()));
      AgentTask submitted = db.tasks().create(Fixtures.task(tenant.id()));
      task =
          db.tasks()
              .update(
                  submitted
                      .withStatus(TaskStatus.EXECUTING, Fixtures.at(1))
                      .withAssignedAgent(agent.id(), Fixtures.at(1))
                      .withOutput(Map.of("summary", "done", "n", 3), Fixtures.at(1)));
      trace = db.traces().append(Fixtures.trace(tenant.id(), task.id(), StepType.DISPATCHED, 1));
      instance = db.instances().create(Fixtures.instance(tenant.id()));
      config = db.skillConfigs().save(Fixtures.skillConfig(tenant.id(), "github"));
      credential = Fixtures.credential(tenant.id(), "github", "api_key");
      db.skillCredentials().put(credential);
      memory = db.memories().save(Fixtures.memory(tenant.id(), agent.id(), 0.8));
      grace = db.knowledge().upsertEntity(Fixtures.entity(tenant.id(), "Grace", "person"));
      acme = db.knowledge().upsertEntity(Fixtures.entity(tenant.id(), "Acme", "org"));
      worksAt =
          db.knowledge()
              .upsertRelation(Fixtures.relation(tenant.id(), grace.id(), acme.id(), "works_at"));
      dataset = db.datasets().create(Fixtures.dataset(tenant.id()));
      pipeline =
          db.pipelines()
              .create(
                  Fixtures.connectorPipeline(
                      tenant.id(), Optional.of(new Schedule.Cron("0 3 * * *", false))));
      run = db.pipelineRuns().create(Fixtures.run(tenant.id(), pipeline.id()));
      watermark = Fixtures.watermark(tenant.id(), pipeline.id(), "public.orders", "2025-01-01");
      db.watermarks().save(watermark);
      session = db.chatSessions().saveIfAbsent(Fixtures.chatSession(tenant.id(), "conv-1"));
    }

    assertThat(dataDirectory.resolve("PG_VERSION")).exists();
    assertThat(dataDirectory.resolve("postmaster.pid")).as("the server stopped").doesNotExist();

    try (PostgresPersistence db = PostgresPersistence.start(settings())) {
      assertThat(db.dataDirectory()).contains(dataDirectory.toAbsolutePath().normalize());
      assertThat(db.tenants().find(tenant.id())).contains(tenant);
      assertThat(db.users().findByEmail(user.email())).contains(user);
      assertThat(db.agents().list(tenant.id())).containsExactly(agent);
      assertThat(db.tasks().find(tenant.id(), task.id())).contains(task);
      assertThat(db.traces().listByTask(tenant.id(), task.id())).containsExactly(trace);
      assertThat(db.instances().findByTenant(tenant.id())).contains(instance);
      assertThat(db.skillConfigs().list(tenant.id())).containsExactly(config);
      assertThat(db.skillCredentials().listAll(tenant.id())).containsExactly(credential);
      assertThat(db.memories().recall(tenant.id(), agent.id(), 0.3, 5)).containsExactly(memory);
      assertThat(db.knowledge().listEntities(tenant.id(), Optional.empty(), Page.first(10)))
          .containsExactly(acme, grace);
      assertThat(db.knowledge().relationsOf(tenant.id(), acme.id())).containsExactly(worksAt);
      assertThat(db.datasets().list(tenant.id())).containsExactly(dataset);
      assertThat(db.pipelines().listScheduled()).containsExactly(pipeline);
      assertThat(db.pipelineRuns().listByPipeline(tenant.id(), pipeline.id(), Page.first(10)))
          .containsExactly(run);
      assertThat(db.watermarks().find(tenant.id(), pipeline.id(), "public.orders"))
          .contains(watermark);
      assertThat(db.chatSessions().find(tenant.id(), session.id())).contains(session);
      assertThat(
              RawRows.count(
                  db.dataSource(), "SELECT count(*) FROM flyway_schema_history WHERE success"))
          .as("migrations are applied once")
          .isEqualTo(1);

      // And when the server goes away under a running pool, calls fail as retryable.
      db.embedded().orElseThrow().close();
      assertPortError(
          TransientException.class,
          ErrorCode.DATABASE_UNAVAILABLE,
          () -> db.tenants().find(tenant.id()));
    }
  }

  private DatabaseSettings settings() {
    return DatabaseSettings.embedded(dataDirectory)
        .withMaxPoolSize(4)
        .withConnectionTimeout(Duration.ofSeconds(2));
  }
}
