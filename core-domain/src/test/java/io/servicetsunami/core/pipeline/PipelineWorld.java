package io.servicetsunami.core.pipeline;

import io.servicetsunami.ports.in.CreatePipelineUseCase.CreatePipelineCommand;
import io.servicetsunami.ports.in.SubmitTaskUseCase;
import io.servicetsunami.ports.in.UploadDatasetUseCase.UploadDatasetCommand;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ConnectorSyncConfig;
import io.servicetsunami.ports.model.ConnectorType;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.DatasetFormat;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.TableSync;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.ChatSessionRepository;
import io.servicetsunami.ports.testing.FakeChatExportParser;
import io.servicetsunami.ports.testing.FakeCredentialCipher;
import io.servicetsunami.ports.testing.FakeLlmClient;
import io.servicetsunami.ports.testing.FakeSourceConnector;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemoryChatSessionRepository;
import io.servicetsunami.ports.testing.InMemoryDataPipelineRepository;
import io.servicetsunami.ports.testing.InMemoryDatasetFileStore;
import io.servicetsunami.ports.testing.InMemoryDatasetRepository;
import io.servicetsunami.ports.testing.InMemoryKnowledgeGraphRepository;
import io.servicetsunami.ports.testing.InMemoryLakehouse;
import io.servicetsunami.ports.testing.InMemoryPipelineRunRepository;
import io.servicetsunami.ports.testing.InMemorySkillCredentialRepository;
import io.servicetsunami.ports.testing.InMemoryWatermarkRepository;
import io.servicetsunami.ports.testing.InMemoryWorkflowEngine;
import io.servicetsunami.ports.testing.InMemoryWorkflowSchedules;
import io.servicetsunami.ports.testing.MutableClock;
import io.servicetsunami.ports.testing.SequentialIdGenerator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline services wired to the in-memory fakes of the ports test-jar, with the values the
 * tests share. One world per test.
 */
final class PipelineWorld {

  static final String MODEL = "claude-sonnet-4-5";
  static final String CONNECTION_SKILL = "postgresql";
  static final String DB_PASSWORD = "s3cr3t-db-password";
  static final String DB_URL = "jdbc:postgresql://db.internal:5432/shop";

  final MutableClock clock = new MutableClock();
  final SequentialIdGenerator ids = new SequentialIdGenerator();
  final InMemoryPipelineRunRepository runs = new InMemoryPipelineRunRepository();
  final InMemoryWatermarkRepository watermarks = new InMemoryWatermarkRepository();
  final InMemoryDataPipelineRepository pipelines =
      new InMemoryDataPipelineRepository(runs, watermarks);
  final InMemoryDatasetRepository datasets = new InMemoryDatasetRepository();
  final InMemoryDatasetFileStore files = new InMemoryDatasetFileStore();
  final InMemoryLakehouse lakehouse = new InMemoryLakehouse(clock);
  final FakeSourceConnector postgres = new FakeSourceConnector(ConnectorType.POSTGRESQL);
  final InMemorySkillCredentialRepository credentials = new InMemorySkillCredentialRepository();
  final FakeCredentialCipher cipher = new FakeCredentialCipher();
  final InMemoryChatSessionRepository sessions = new InMemoryChatSessionRepository();
  final InMemoryKnowledgeGraphRepository knowledge = new InMemoryKnowledgeGraphRepository();
  final FakeLlmClient llm = new FakeLlmClient();
  final FakeChatExportParser parser = new FakeChatExportParser();
  final InMemoryWorkflowEngine engine = new InMemoryWorkflowEngine(clock);
  final InMemoryWorkflowSchedules schedules = new InMemoryWorkflowSchedules(engine);
  final RecordingSubmitTask submitTask = new RecordingSubmitTask();

  final TenantId tenant = Fixtures.tenantId();
  final TenantId otherTenant = Fixtures.tenantId();

  final PipelineService pipelineService =
      new PipelineService(pipelines, runs, datasets, engine, schedules, clock, ids);
  final DatasetService datasetService = new DatasetService(datasets, files, clock, ids);
  final ImportChatHistoryService importService =
      new ImportChatHistoryService(parser, sessions, engine, clock, ids);
  final DataSyncStepsService steps =
      new DataSyncStepsService(
          pipelines,
          runs,
          datasets,
          files,
          lakehouse,
          List.of(postgres),
          credentials,
          cipher,
          watermarks,
          sessions,
          knowledge,
          llm,
          MODEL,
          submitTask,
          clock,
          ids);

  /** The steps over other chat sessions, for tests that make that store misbehave. */
  DataSyncStepsService stepsWith(ChatSessionRepository otherSessions) {
    return new DataSyncStepsService(
        pipelines,
        runs,
        datasets,
        files,
        lakehouse,
        List.of(postgres),
        credentials,
        cipher,
        watermarks,
        otherSessions,
        knowledge,
        llm,
        MODEL,
        submitTask,
        clock,
        ids);
  }

  /** Stores the tenant's database connection, encrypted, under {@link #CONNECTION_SKILL}. */
  void storeConnection(TenantId owner) {
    credentials.put(
        new SkillCredential(
            owner, CONNECTION_SKILL, "url", cipher.encrypt(owner, Secret.of(DB_URL)), clock.now()));
    credentials.put(
        new SkillCredential(
            owner,
            CONNECTION_SKILL,
            "password",
            cipher.encrypt(owner, Secret.of(DB_PASSWORD)),
            clock.now()));
  }

  Dataset upload(TenantId owner, String name, String csv) {
    return datasetService.upload(
        new UploadDatasetCommand(
            owner,
            name,
            DatasetFormat.CSV,
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))));
  }

  DataPipeline datasetPipeline(TenantId owner, Dataset dataset) {
    return pipelineService.create(
        new CreatePipelineCommand(
            owner,
            "Land " + dataset.name(),
            PipelineType.DATASET_SYNC,
            Map.of(),
            Optional.of(dataset.id()),
            Optional.empty(),
            Optional.empty()));
  }

  DataPipeline connectorPipeline(TenantId owner, Optional<Schedule> schedule, TableSync... tables) {
    return pipelineService.create(
        new CreatePipelineCommand(
            owner,
            "Orders from PostgreSQL",
            PipelineType.CONNECTOR_SYNC,
            Map.of(),
            Optional.empty(),
            Optional.of(
                new ConnectorSyncConfig(
                    ConnectorType.POSTGRESQL, CONNECTION_SKILL, List.of(tables))),
            schedule));
  }

  DataPipeline agentKitPipeline(TenantId owner, Map<String, Object> config) {
    return pipelineService.create(
        new CreatePipelineCommand(
            owner,
            "Weekly digest",
            PipelineType.AGENT_KIT,
            config,
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }

  static Map<String, Object> kit(String... objectives) {
    List<Object> tasks = new ArrayList<>();
    for (String objective : objectives) {
      tasks.add(
          Map.of(
              "objective",
              objective,
              "task_type",
              "research",
              "required_capabilities",
              List.of("research")));
    }
    return Map.of("tasks", tasks);
  }

  /** A {@link SubmitTaskUseCase} that records each command and hands out sequential task ids. */
  final class RecordingSubmitTask implements SubmitTaskUseCase {

    final List<SubmitTaskCommand> commands = new ArrayList<>();
    private RuntimeException failure;
    private int failAfter = Integer.MAX_VALUE;

    /** Submits {@code successes} more tasks, then fails every submit with {@code failure}. */
    void failAfter(int successes, RuntimeException failure) {
      this.failAfter = commands.size() + successes;
      this.failure = failure;
    }

    void recover() {
      this.failAfter = Integer.MAX_VALUE;
      this.failure = null;
    }

    @Override
    public SubmittedTask submit(SubmitTaskCommand command) {
      if (commands.size() >= failAfter) {
        throw failure;
      }
      commands.add(command);
      AgentTask task =
          AgentTask.submitted(
              new TaskId(ids.newId()),
              command.tenantId(),
              command.objective(),
              command.taskType(),
              command.priority(),
              command.requiredCapabilities(),
              command.context(),
              command.requiresApproval(),
              clock.now());
      return new SubmittedTask(task, "task-" + task.id());
    }
  }
}
