package io.servicetsunami.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.core.pipeline.DataSyncStepsService;
import io.servicetsunami.core.pipeline.DatasetService;
import io.servicetsunami.core.pipeline.ImportChatHistoryService;
import io.servicetsunami.core.pipeline.PipelineService;
import io.servicetsunami.ports.in.CreatePipelineUseCase;
import io.servicetsunami.ports.in.DataSyncSteps;
import io.servicetsunami.ports.in.DeletePipelineUseCase;
import io.servicetsunami.ports.in.ExecutePipelineUseCase;
import io.servicetsunami.ports.in.GetDatasetUseCase;
import io.servicetsunami.ports.in.GetPipelineUseCase;
import io.servicetsunami.ports.in.ImportChatHistoryUseCase;
import io.servicetsunami.ports.in.ListPipelineRunsUseCase;
import io.servicetsunami.ports.in.ListPipelinesUseCase;
import io.servicetsunami.ports.in.SubmitTaskUseCase;
import io.servicetsunami.ports.in.UploadDatasetUseCase;
import io.servicetsunami.ports.out.ChatExportParser;
import io.servicetsunami.ports.out.ChatSessionRepository;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.DataPipelineRepository;
import io.servicetsunami.ports.out.DatasetFileStore;
import io.servicetsunami.ports.out.DatasetRepository;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.KnowledgeGraphRepository;
import io.servicetsunami.ports.out.Lakehouse;
import io.servicetsunami.ports.out.LlmClient;
import io.servicetsunami.ports.out.PipelineRunRepository;
import io.servicetsunami.ports.out.SkillCredentialRepository;
import io.servicetsunami.ports.out.SourceConnector;
import io.servicetsunami.ports.out.WatermarkRepository;
import io.servicetsunami.ports.out.WorkflowEngine;
import io.servicetsunami.ports.out.WorkflowSchedules;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Data pipelines, datasets and chat-history imports, and the steps of the data workflows the {@code
 * servicetsunami-databricks} worker runs.
 */
@Module
public final class PipelineModule {

  private PipelineModule() {}

  @Provides
  @Singleton
  static PipelineService pipelineService(
      DataPipelineRepository pipelines,
      PipelineRunRepository runs,
      DatasetRepository datasets,
      WorkflowEngine workflows,
      WorkflowSchedules schedules,
      Clock clock,
      IdGenerator ids) {
    return new PipelineService(pipelines, runs, datasets, workflows, schedules, clock, ids);
  }

  @Provides
  static CreatePipelineUseCase createPipeline(PipelineService service) {
    return service;
  }

  @Provides
  static ListPipelinesUseCase listPipelines(PipelineService service) {
    return service;
  }

  @Provides
  static GetPipelineUseCase getPipeline(PipelineService service) {
    return service;
  }

  @Provides
  static DeletePipelineUseCase deletePipeline(PipelineService service) {
    return service;
  }

  @Provides
  static ExecutePipelineUseCase executePipeline(PipelineService service) {
    return service;
  }

  @Provides
  static ListPipelineRunsUseCase listPipelineRuns(PipelineService service) {
    return service;
  }

  @Provides
  @Singleton
  static DatasetService datasetService(
      DatasetRepository datasets, DatasetFileStore files, Clock clock, IdGenerator ids) {
    return new DatasetService(datasets, files, clock, ids);
  }

  @Provides
  static UploadDatasetUseCase uploadDataset(DatasetService service) {
    return service;
  }

  @Provides
  static GetDatasetUseCase getDataset(DatasetService service) {
    return service;
  }

  @Provides
  @Singleton
  static ImportChatHistoryUseCase importChatHistory(
      ChatExportParser parser,
      ChatSessionRepository sessions,
      WorkflowEngine workflows,
      Clock clock,
      IdGenerator ids) {
    return new ImportChatHistoryService(parser, sessions, workflows, clock, ids);
  }

  @Provides
  @Singleton
  static DataSyncSteps dataSyncSteps(
      DataPipelineRepository pipelines,
      PipelineRunRepository runs,
      DatasetRepository datasets,
      DatasetFileStore files,
      Lakehouse lakehouse,
      List<SourceConnector> connectors,
      SkillCredentialRepository credentials,
      CredentialCipher cipher,
      WatermarkRepository watermarks,
      ChatSessionRepository sessions,
      KnowledgeGraphRepository knowledge,
      LlmClient llm,
      AdapterConfig config,
      SubmitTaskUseCase submitTask,
      Clock clock,
      IdGenerator ids) {
    return new DataSyncStepsService(
        pipelines,
        runs,
        datasets,
        files,
        lakehouse,
        connectors,
        credentials,
        cipher,
        watermarks,
        sessions,
        knowledge,
        llm,
        config.knowledgeModel(),
        submitTask,
        clock,
        ids);
  }
}
