package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowSignal;
import io.servicetsunami.ports.model.WorkflowType;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Port records to history payloads and back: what the engine starts a workflow with, the signals it
 * sends, and the target a schedule holds. The payload types stay package-private; callers outside
 * this package pass the returned objects to Temporal as they are.
 */
public final class Inputs {

  /** The signal names of TaskExecutionWorkflow. */
  public static final String APPROVE_SIGNAL = "approve";

  public static final String REJECT_SIGNAL = "reject";

  private Inputs() {}

  /**
   * The argument {@code input}'s workflow is started with.
   *
   * @param approvalExpiry how long a task may wait for approval; recorded in the task workflow's
   *     history at start, so a later change of the setting does not change running workflows
   */
  public static Object argument(WorkflowInput input, Optional<Duration> approvalExpiry) {
    if (input instanceof WorkflowInput.TaskExecution task) {
      return new TaskExecutionPayload(
          task.tenantId().toString(),
          task.taskId().toString(),
          approvalExpiry.map(Duration::toString).orElse(null));
    }
    if (input instanceof WorkflowInput.OpenClawProvision provision) {
      return new ProvisionPayload(
          provision.tenantId().toString(),
          provision.instanceId().toString(),
          provision.version(),
          provision.upgrade());
    }
    if (input instanceof WorkflowInput.DatasetSync sync) {
      return new DatasetSyncPayload(
          sync.tenantId().toString(),
          sync.datasetId().toString(),
          sync.runId().toString(),
          sync.pipelineId().map(PipelineId::toString).orElse(null));
    }
    if (input instanceof WorkflowInput.DataSourceSync sync) {
      return new DataSourceSyncPayload(
          sync.tenantId().toString(),
          sync.pipelineId().toString(),
          sync.table(),
          sync.runId().toString());
    }
    if (input instanceof WorkflowInput.ScheduledSync sync) {
      return new ScheduledSyncPayload(
          sync.tenantId().toString(),
          sync.pipelineId().toString(),
          sync.runId().map(RunId::toString).orElse(null));
    }
    if (input instanceof WorkflowInput.KnowledgeExtraction extraction) {
      return new KnowledgeExtractionPayload(
          extraction.tenantId().toString(), extraction.sessionId().toString());
    }
    if (input instanceof WorkflowInput.AgentKitExecution kit) {
      return new AgentKitPayload(
          kit.tenantId().toString(), kit.pipelineId().toString(), kit.runId().toString());
    }
    throw new IllegalArgumentException("unknown " + input);
  }

  /** The signal's name on TaskExecutionWorkflow. */
  public static String signalName(WorkflowSignal signal) {
    if (signal instanceof WorkflowSignal.Approve approve) {
      return APPROVE_SIGNAL;
    }
    if (signal instanceof WorkflowSignal.Reject reject) {
      return REJECT_SIGNAL;
    }
    throw new IllegalArgumentException("unknown " + signal);
  }

  /** The signal's argument. */
  public static Object signalArgument(WorkflowSignal signal) {
    if (signal instanceof WorkflowSignal.Approve approve) {
      return new ApprovePayload(approve.by().toString());
    }
    if (signal instanceof WorkflowSignal.Reject reject) {
      return new RejectPayload(reject.by().toString(), reject.reason());
    }
    throw new IllegalArgumentException("unknown " + signal);
  }

  /** The workflow type a Temporal type name stands for, if it is one of the seven. */
  public static Optional<WorkflowType> typeNamed(String typeName) {
    return Arrays.stream(WorkflowType.values())
        .filter(type -> type.typeName().equals(typeName))
        .findFirst();
  }

  static WorkflowInputPayload toPayload(WorkflowInput input) {
    String type = input.type().typeName();
    String tenant = input.tenantId().toString();
    if (input instanceof WorkflowInput.TaskExecution task) {
      return new WorkflowInputPayload(
          type, tenant, task.taskId().toString(), null, null, null, null, null, null, null, null);
    }
    if (input instanceof WorkflowInput.OpenClawProvision p) {
      return new WorkflowInputPayload(
          type,
          tenant,
          null,
          p.instanceId().toString(),
          p.version(),
          p.upgrade(),
          null,
          null,
          null,
          null,
          null);
    }
    if (input instanceof WorkflowInput.DatasetSync s) {
      return new WorkflowInputPayload(
          type,
          tenant,
          null,
          null,
          null,
          null,
          s.datasetId().toString(),
          s.pipelineId().map(PipelineId::toString).orElse(null),
          null,
          s.runId().toString(),
          null);
    }
    if (input instanceof WorkflowInput.DataSourceSync s) {
      return new WorkflowInputPayload(
          type,
          tenant,
          null,
          null,
          null,
          null,
          null,
          s.pipelineId().toString(),
          s.table(),
          s.runId().toString(),
          null);
    }
    if (input instanceof WorkflowInput.ScheduledSync s) {
      return new WorkflowInputPayload(
          type,
          tenant,
          null,
          null,
          null,
          null,
          null,
          s.pipelineId().toString(),
          null,
          s.runId().map(RunId::toString).orElse(null),
          null);
    }
    if (input instanceof WorkflowInput.KnowledgeExtraction k) {
      return new WorkflowInputPayload(
          type, tenant, null, null, null, null, null, null, null, null, k.sessionId().toString());
    }
    if (input instanceof WorkflowInput.AgentKitExecution k) {
      return new WorkflowInputPayload(
          type,
          tenant,
          null,
          null,
          null,
          null,
          null,
          k.pipelineId().toString(),
          null,
          k.runId().toString(),
          null);
    }
    throw new IllegalArgumentException("unknown " + input);
  }

  static WorkflowInput fromPayload(WorkflowInputPayload p) {
    WorkflowType type =
        typeNamed(p.type())
            .orElseThrow(() -> new IllegalArgumentException("unknown workflow type " + p.type()));
    TenantId tenant = TenantId.parse(p.tenantId());
    return switch (type) {
      case TASK_EXECUTION -> new WorkflowInput.TaskExecution(tenant, TaskId.parse(p.taskId()));
      case OPENCLAW_PROVISION ->
          new WorkflowInput.OpenClawProvision(
              tenant,
              InstanceId.parse(p.instanceId()),
              p.version(),
              Boolean.TRUE.equals(p.upgrade()));
      case DATASET_SYNC ->
          new WorkflowInput.DatasetSync(
              tenant,
              DatasetId.parse(p.datasetId()),
              RunId.parse(p.runId()),
              Optional.ofNullable(p.pipelineId()).map(PipelineId::parse));
      case DATASOURCE_SYNC ->
          new WorkflowInput.DataSourceSync(
              tenant, PipelineId.parse(p.pipelineId()), p.table(), RunId.parse(p.runId()));
      case SCHEDULED_SYNC ->
          new WorkflowInput.ScheduledSync(
              tenant,
              PipelineId.parse(p.pipelineId()),
              Optional.ofNullable(p.runId()).map(RunId::parse));
      case KNOWLEDGE_EXTRACTION ->
          new WorkflowInput.KnowledgeExtraction(tenant, ChatSessionId.parse(p.sessionId()));
      case AGENT_KIT_EXECUTION ->
          new WorkflowInput.AgentKitExecution(
              tenant, PipelineId.parse(p.pipelineId()), RunId.parse(p.runId()));
    };
  }

  // ---- schedules -------------------------------------------------------------------------------

  /** What a schedule fires with: its target, for the start activity. */
  public static Object startRequest(String workflowId, WorkflowInput input) {
    return new StartRequestPayload(workflowId, toPayload(input));
  }

  /** The state a timer-loop schedule starts (or is updated) with. */
  public static Object scheduleLoop(
      String scheduleId, Schedule schedule, String workflowId, WorkflowInput input) {
    return new ScheduleLoopPayload(
        scheduleId,
        schedulePayload(schedule),
        new StartRequestPayload(workflowId, toPayload(input)),
        0,
        0,
        0);
  }

  static SchedulePayload schedulePayload(Schedule schedule) {
    if (schedule instanceof Schedule.Cron cron) {
      return new SchedulePayload(cron.expression().strip(), null, cron.paused());
    }
    if (schedule instanceof Schedule.Interval interval) {
      return new SchedulePayload(null, interval.every().toSeconds(), interval.paused());
    }
    throw new IllegalArgumentException("unknown " + schedule);
  }
}
