package io.servicetsunami.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.servicetsunami.core.workflow.WorkflowIds;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.in.ApproveTaskUseCase;
import io.servicetsunami.ports.in.GetTaskTraceUseCase;
import io.servicetsunami.ports.in.GetTaskUseCase;
import io.servicetsunami.ports.in.ListTasksUseCase;
import io.servicetsunami.ports.in.RejectTaskUseCase;
import io.servicetsunami.ports.in.SubmitTaskUseCase;
import io.servicetsunami.ports.in.SubmitTaskUseCase.SubmitTaskCommand;
import io.servicetsunami.ports.in.SubmitTaskUseCase.SubmittedTask;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskPriority;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.UserId;
import io.servicetsunami.ports.out.Page;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant's agent tasks: submit (starts TaskExecutionWorkflow, 202 with its id), list with a
 * status filter and {@code skip}/{@code limit}, get, the execution trace in step order, approve and
 * reject a task waiting for a human (202: the task's workflow applies the verdict).
 */
public final class AgentTaskRoutes implements RouteGroup {

  static final int DEFAULT_LIMIT = 100;

  record TaskRequest(
      String objective,
      String taskType,
      String priority,
      List<String> requiredCapabilities,
      Map<String, Object> context,
      Boolean requiresApproval) {

    SubmitTaskCommand toCommand(Principal principal) {
      return new SubmitTaskCommand(
          principal.tenantId(),
          AuthRoutes.required(objective, "objective"),
          taskType == null || taskType.isBlank() ? "general" : taskType,
          priority == null
              ? TaskPriority.NORMAL
              : Requests.wireEnum(priority, "priority", TaskPriority::fromWire),
          requiredCapabilities == null ? List.of() : requiredCapabilities,
          context == null ? Map.of() : context,
          Boolean.TRUE.equals(requiresApproval));
    }
  }

  record RejectRequest(String reason) {}

  record TaskResponse(
      String id,
      String tenantId,
      String objective,
      String taskType,
      String priority,
      List<String> requiredCapabilities,
      Map<String, Object> context,
      boolean requiresApproval,
      String status,
      String assignedAgentId,
      Map<String, Object> output,
      Double confidence,
      String error,
      String approvedBy,
      Instant createdAt,
      Instant updatedAt,
      Instant startedAt,
      Instant completedAt,
      String workflowId) {

    /** Every task has exactly one execution workflow, {@code task-{id}}. */
    static TaskResponse of(AgentTask task) {
      return of(task, WorkflowIds.task(task.id()));
    }

    static TaskResponse of(AgentTask task, String workflowId) {
      return new TaskResponse(
          task.id().toString(),
          task.tenantId().toString(),
          task.objective(),
          task.taskType(),
          task.priority().wire(),
          task.requiredCapabilities(),
          task.context(),
          task.requiresApproval(),
          task.status().wire(),
          task.assignedAgentId().map(AgentId::toString).orElse(null),
          task.output(),
          task.confidence().orElse(null),
          task.error().orElse(null),
          task.approvedBy().map(UserId::toString).orElse(null),
          task.createdAt(),
          task.updatedAt(),
          task.startedAt().orElse(null),
          task.completedAt().orElse(null),
          workflowId);
    }
  }

  record TraceResponse(
      String id,
      String taskId,
      String tenantId,
      String stepType,
      int stepOrder,
      String agentId,
      Map<String, Object> details,
      long durationMs,
      Instant createdAt) {

    static TraceResponse of(ExecutionTrace trace) {
      return new TraceResponse(
          trace.id().toString(),
          trace.taskId().toString(),
          trace.tenantId().toString(),
          trace.stepType().wire(),
          trace.stepOrder(),
          trace.agentId().map(AgentId::toString).orElse(null),
          trace.details(),
          trace.durationMs(),
          trace.createdAt());
    }
  }

  private final ObjectMapper mapper;
  private final SubmitTaskUseCase submit;
  private final ListTasksUseCase list;
  private final GetTaskUseCase get;
  private final GetTaskTraceUseCase trace;
  private final ApproveTaskUseCase approve;
  private final RejectTaskUseCase reject;

  @Inject
  public AgentTaskRoutes(
      ObjectMapper mapper,
      SubmitTaskUseCase submit,
      ListTasksUseCase list,
      GetTaskUseCase get,
      GetTaskTraceUseCase trace,
      ApproveTaskUseCase approve,
      RejectTaskUseCase reject) {
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.submit = requireNonNull(submit, "submit is null");
    this.list = requireNonNull(list, "list is null");
    this.get = requireNonNull(get, "get is null");
    this.trace = requireNonNull(trace, "trace is null");
    this.approve = requireNonNull(approve, "approve is null");
    this.reject = requireNonNull(reject, "reject is null");
  }

  @Override
  public void register(ApiRoutes routes) {
    String tasks = ApiRoutes.API + "/agent-tasks";
    routes.post(tasks, this::submit);
    routes.get(tasks, this::list);
    routes.get(tasks + "/{id}", this::get);
    routes.get(tasks + "/{id}/trace", this::trace);
    routes.post(tasks + "/{id}/approve", this::approve);
    routes.post(tasks + "/{id}/reject", this::reject);
  }

  void submit(Context ctx, Principal principal) {
    TaskRequest request = Json.body(mapper, ctx, TaskRequest.class);
    SubmittedTask submitted = submit.submit(request.toCommand(principal));
    ctx.status(202).json(TaskResponse.of(submitted.task(), submitted.workflowId()));
  }

  void list(Context ctx, Principal principal) {
    Optional<TaskStatus> status = Requests.queryEnum(ctx, "status", TaskStatus::fromWire);
    int skip = Requests.queryInt(ctx, "skip", 0, 0, Integer.MAX_VALUE);
    int limit = Requests.queryInt(ctx, "limit", DEFAULT_LIMIT, 1, Page.MAX_LIMIT);
    ctx.json(
        list.list(principal.tenantId(), status, new Page(skip, limit)).stream()
            .map(TaskResponse::of)
            .toList());
  }

  void get(Context ctx, Principal principal) {
    ctx.json(TaskResponse.of(get.get(principal.tenantId(), id(ctx))));
  }

  void trace(Context ctx, Principal principal) {
    ctx.json(trace.trace(principal.tenantId(), id(ctx)).stream().map(TraceResponse::of).toList());
  }

  void approve(Context ctx, Principal principal) {
    TaskId id = id(ctx);
    // The workflow applies the verdict (it is the task's single writer): accepted, not yet done.
    ctx.status(202).json(TaskResponse.of(approve.approve(principal, id)));
  }

  void reject(Context ctx, Principal principal) {
    TaskId id = id(ctx);
    String reason =
        Requests.optionalBody(mapper, ctx, RejectRequest.class)
            .map(RejectRequest::reason)
            .filter(r -> !r.isBlank())
            .orElse("rejected by " + principal.email());
    ctx.status(202).json(TaskResponse.of(reject.reject(principal, id, reason)));
  }

  private static TaskId id(Context ctx) {
    return Requests.id(ctx, "id", TaskId::parse, ErrorCode.TASK_NOT_FOUND);
  }
}
