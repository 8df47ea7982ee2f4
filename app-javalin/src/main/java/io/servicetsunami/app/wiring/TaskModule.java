package io.servicetsunami.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.core.instance.GatewayEndpoints;
import io.servicetsunami.core.task.AgentRuntimes;
import io.servicetsunami.core.task.QueryTasksService;
import io.servicetsunami.core.task.ReviewTaskService;
import io.servicetsunami.core.task.SubmitTaskService;
import io.servicetsunami.core.task.TaskExecutionStepsService;
import io.servicetsunami.ports.in.ApproveTaskUseCase;
import io.servicetsunami.ports.in.GetTaskTraceUseCase;
import io.servicetsunami.ports.in.GetTaskUseCase;
import io.servicetsunami.ports.in.ListTasksUseCase;
import io.servicetsunami.ports.in.RejectTaskUseCase;
import io.servicetsunami.ports.in.SubmitTaskUseCase;
import io.servicetsunami.ports.in.TaskExecutionSteps;
import io.servicetsunami.ports.out.AgentMemoryRepository;
import io.servicetsunami.ports.out.AgentRepository;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.ExecutionTraceRepository;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.KnowledgeGraphRepository;
import io.servicetsunami.ports.out.TenantInstanceRepository;
import io.servicetsunami.ports.out.TenantRepository;
import io.servicetsunami.ports.out.WorkflowEngine;
import jakarta.inject.Singleton;

/** Agent tasks: submitting, querying and reviewing them, and the five steps their workflow runs. */
@Module
public final class TaskModule {

  private TaskModule() {}

  @Provides
  @Singleton
  static SubmitTaskService submitTaskService(
      AgentTaskRepository tasks, WorkflowEngine workflows, Clock clock, IdGenerator ids) {
    return new SubmitTaskService(tasks, workflows, clock, ids);
  }

  @Provides
  static SubmitTaskUseCase submitTask(SubmitTaskService service) {
    return service;
  }

  @Provides
  @Singleton
  static QueryTasksService queryTasksService(
      AgentTaskRepository tasks, ExecutionTraceRepository traces) {
    return new QueryTasksService(tasks, traces);
  }

  @Provides
  static ListTasksUseCase listTasks(QueryTasksService service) {
    return service;
  }

  @Provides
  static GetTaskUseCase getTask(QueryTasksService service) {
    return service;
  }

  @Provides
  static GetTaskTraceUseCase getTaskTrace(QueryTasksService service) {
    return service;
  }

  @Provides
  @Singleton
  static ReviewTaskService reviewTaskService(AgentTaskRepository tasks, WorkflowEngine workflows) {
    return new ReviewTaskService(tasks, workflows);
  }

  @Provides
  static ApproveTaskUseCase approveTask(ReviewTaskService service) {
    return service;
  }

  @Provides
  static RejectTaskUseCase rejectTask(ReviewTaskService service) {
    return service;
  }

  @Provides
  @Singleton
  static TaskExecutionSteps taskExecutionSteps(
      AgentTaskRepository tasks,
      ExecutionTraceRepository traces,
      AgentRepository agents,
      AgentMemoryRepository memories,
      KnowledgeGraphRepository knowledge,
      TenantRepository tenants,
      TenantInstanceRepository instances,
      AgentRuntimes runtimes,
      GatewayEndpoints endpoints,
      Clock clock,
      IdGenerator ids) {
    return new TaskExecutionStepsService(
        tasks, traces, agents, memories, knowledge, tenants, instances, runtimes, endpoints, clock,
        ids);
  }
}
