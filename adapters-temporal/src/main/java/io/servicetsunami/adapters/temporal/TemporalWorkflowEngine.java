package io.servicetsunami.adapters.temporal;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.adapters.temporal.workflow.Inputs;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.WorkflowDefinition;
import io.servicetsunami.ports.model.WorkflowDescription;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowRun;
import io.servicetsunami.ports.model.WorkflowSignal;
import io.servicetsunami.ports.model.WorkflowState;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.WorkflowEngine;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@link WorkflowEngine} on Temporal. A workflow starts on the task queue of its definition with
 * the argument {@link Inputs} makes of the port input (ids only); the type name is the port's
 * {@link WorkflowType#typeName()}.
 *
 * <p>Start is idempotent: Temporal refuses a second open run of a workflow id, and the refusal
 * names the running run, which is returned with {@code alreadyRunning}. A closed id may start again
 * (reuse policy "allow duplicate").
 */
public final class TemporalWorkflowEngine implements WorkflowEngine {

  private final WorkflowClient client;
  private final Map<WorkflowType, WorkflowDefinition> definitions;
  private final Optional<Duration> approvalExpiry;

  TemporalWorkflowEngine(
      WorkflowClient client,
      Map<WorkflowType, WorkflowDefinition> definitions,
      Optional<Duration> approvalExpiry) {
    this.client = requireNonNull(client, "client is null");
    this.definitions = Map.copyOf(requireNonNull(definitions, "definitions is null"));
    this.approvalExpiry = requireNonNull(approvalExpiry, "approvalExpiry is null");
  }

  @Override
  public WorkflowRun start(String workflowId, WorkflowInput input) {
    requireNonNull(workflowId, "workflowId is null");
    requireNonNull(input, "input is null");
    WorkflowDefinition definition = definitions.get(input.type());
    if (definition == null) {
      throw new IllegalStateException("no definition for " + input.type().typeName());
    }
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(definition.taskQueue())
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build();
    WorkflowStub stub = client.newUntypedWorkflowStub(input.type().typeName(), options);
    try {
      WorkflowExecution started = stub.start(Inputs.argument(input, approvalExpiry));
      return new WorkflowRun(workflowId, started.getRunId(), false);
    } catch (WorkflowExecutionAlreadyStarted running) {
      String runId = running.getExecution().getRunId();
      if (runId.isEmpty()) {
        runId = describe(workflowId).runId();
      }
      return new WorkflowRun(workflowId, runId, true);
    } catch (RuntimeException e) {
      throw EngineErrors.translate(workflowId, e);
    }
  }

  @Override
  public void signal(String workflowId, WorkflowSignal signal) {
    requireNonNull(workflowId, "workflowId is null");
    requireNonNull(signal, "signal is null");
    try {
      client
          .newUntypedWorkflowStub(workflowId)
          .signal(Inputs.signalName(signal), Inputs.signalArgument(signal));
    } catch (RuntimeException e) {
      throw EngineErrors.translate(workflowId, e);
    }
  }

  @Override
  public WorkflowDescription describe(String workflowId) {
    requireNonNull(workflowId, "workflowId is null");
    WorkflowExecutionDescription description;
    try {
      description = client.newUntypedWorkflowStub(workflowId).describe();
    } catch (RuntimeException e) {
      throw EngineErrors.translate(workflowId, e);
    }
    WorkflowType type =
        Inputs.typeNamed(description.getWorkflowType())
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.WORKFLOW_NOT_FOUND,
                        "workflow " + workflowId + " is not one of the seven workflows"));
    WorkflowState state = state(description.getStatus());
    String runId = description.getExecution().getRunId();
    return new WorkflowDescription(
        workflowId,
        runId,
        type,
        state,
        description.getStartTime(),
        Optional.ofNullable(description.getCloseTime()),
        failure(workflowId, runId, state));
  }

  @Override
  public void cancel(String workflowId) {
    requireNonNull(workflowId, "workflowId is null");
    try {
      client.newUntypedWorkflowStub(workflowId).cancel();
    } catch (RuntimeException e) {
      if (!EngineErrors.isNotFound(e)) {
        throw EngineErrors.translate(workflowId, e);
      }
      // Unknown or already closed: nothing to cancel.
    }
  }

  private static WorkflowState state(WorkflowExecutionStatus status) {
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> WorkflowState.COMPLETED;
      case WORKFLOW_EXECUTION_STATUS_FAILED -> WorkflowState.FAILED;
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> WorkflowState.CANCELLED;
      case WORKFLOW_EXECUTION_STATUS_TERMINATED -> WorkflowState.TERMINATED;
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> WorkflowState.TIMED_OUT;
      // The latest run of an id is never "continued as new"; running, paused or unknown
      // statuses all mean the workflow is still open.
      default -> WorkflowState.RUNNING;
    };
  }

  /** The failure message of a failed run, read from its closing event. */
  private Optional<String> failure(String workflowId, String runId, WorkflowState state) {
    if (state != WorkflowState.FAILED && state != WorkflowState.TIMED_OUT) {
      return Optional.empty();
    }
    if (state == WorkflowState.TIMED_OUT) {
      return Optional.of("the workflow timed out");
    }
    try {
      HistoryEvent last = client.fetchHistory(workflowId, runId).getLastEvent();
      if (last.hasWorkflowExecutionFailedEventAttributes()) {
        return Optional.of(
            last.getWorkflowExecutionFailedEventAttributes().getFailure().getMessage());
      }
      return Optional.of("the workflow failed");
    } catch (RuntimeException e) {
      throw EngineErrors.translate(workflowId, e);
    }
  }
}
