package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.model.WorkflowDefinition;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * Runs the task definition's steps in order. On a step that fails for good the saga compensates
 * with {@code fail_task} (the task moves to {@code failed} with a {@code failed} trace at the
 * failing step's order) and the workflow fails with the step's error code. A rejected or expired
 * approval fails the task the same way but completes the workflow: it is an expected outcome, not
 * an error of the engine.
 */
final class TaskExecutionWorkflowImpl implements TaskExecutionWorkflow {

  static final String DISPATCH = "dispatch_task";
  static final String RECALL = "recall_memory";
  static final String EXECUTE = "execute_task";
  static final String PERSIST = "persist_entities";
  static final String EVALUATE = "evaluate_task";
  static final String APPROVE = "approve_task";
  static final String FAIL = "fail_task";

  static final List<String> STEPS = List.of(DISPATCH, RECALL, EXECUTE, PERSIST, EVALUATE);
  static final List<String> AUXILIARY = List.of(APPROVE, FAIL);

  static final String WAITING_APPROVAL = "waiting_approval";
  static final String FINISHED = "finished";

  private final WorkflowDefinition definition;
  private final TaskExecutionActivities activities;
  private String currentStep = DISPATCH;
  private ApprovePayload approval;
  private RejectPayload rejection;

  TaskExecutionWorkflowImpl(WorkflowDefinition definition) {
    this.definition = definition;
    this.activities = StepOptions.stub(TaskExecutionActivities.class, definition);
  }

  @Override
  public TaskOutcomePayload execute(TaskExecutionPayload input) {
    String tenant = input.tenantId();
    String task = input.taskId();
    try {
      enter(DISPATCH);
      activities.dispatchTask(tenant, task);
      enter(RECALL);
      List<String> memories = activities.recallMemory(tenant, task);
      enter(EXECUTE);
      ExecutedPayload executed = activities.executeTask(tenant, task, memories);
      if (executed.awaitingApproval()) {
        TaskOutcomePayload refused = awaitApproval(input);
        if (refused != null) {
          return refused;
        }
        enter(APPROVE);
        activities.approveTask(tenant, task, approval.userId());
      }
      enter(PERSIST);
      activities.persistEntities(tenant, task);
      enter(EVALUATE);
      double score = activities.evaluateTask(tenant, task);
      currentStep = FINISHED;
      return new TaskOutcomePayload(TaskOutcomePayload.COMPLETED, score, null);
    } catch (ActivityFailure failure) {
      String step = failedStep();
      String reason = Failures.reason(step, failure);
      compensate(tenant, task, reason);
      throw Failures.workflowFailure(step, failure);
    } catch (CanceledFailure cancelled) {
      // The task must not stay thinking/executing/waiting_input for ever: fail it even though the
      // workflow's own scope is cancelled, then let the cancellation end the workflow.
      Workflow.newDetachedCancellationScope(
              () -> compensate(tenant, task, "task workflow cancelled at " + failedStep()))
          .run();
      throw cancelled;
    }
  }

  /** Null once approved; the outcome when rejected or expired (the task is failed by then). */
  private TaskOutcomePayload awaitApproval(TaskExecutionPayload input) {
    currentStep = WAITING_APPROVAL;
    boolean decided;
    if (input.approvalExpiry() == null) {
      Workflow.await(() -> approval != null || rejection != null);
      decided = true;
    } else {
      decided =
          Workflow.await(
              Duration.parse(input.approvalExpiry()), () -> approval != null || rejection != null);
    }
    String tenant = input.tenantId();
    String task = input.taskId();
    int executeOrder = definition.step(EXECUTE).order();
    if (!decided) {
      String reason = "approval expired: nobody approved within " + input.approvalExpiry();
      activities.failTask(tenant, task, executeOrder, reason);
      currentStep = FINISHED;
      return new TaskOutcomePayload(TaskOutcomePayload.EXPIRED, null, reason);
    }
    if (rejection != null) {
      String reason = "rejected by " + rejection.userId() + ": " + rejection.reason();
      activities.failTask(tenant, task, executeOrder, reason);
      currentStep = FINISHED;
      return new TaskOutcomePayload(TaskOutcomePayload.REJECTED, null, reason);
    }
    return null;
  }

  @Override
  public void approve(ApprovePayload approval) {
    if (this.approval == null && this.rejection == null) {
      this.approval = approval; // the first verdict counts; a late second one changes nothing
    }
  }

  @Override
  public void reject(RejectPayload rejection) {
    if (this.approval == null && this.rejection == null) {
      this.rejection = rejection;
    }
  }

  @Override
  public String currentStep() {
    return currentStep;
  }

  private void enter(String step) {
    currentStep = step;
  }

  private String failedStep() {
    return WAITING_APPROVAL.equals(currentStep) || APPROVE.equals(currentStep)
        ? EXECUTE
        : currentStep;
  }

  private void compensate(String tenant, String task, String reason) {
    try {
      activities.failTask(tenant, task, definition.step(failedStep()).order(), reason);
    } catch (ActivityFailure compensationFailed) {
      // The workflow fails with the step's reason either way; the task keeps its last status and
      // the failed compensation is in the history.
      Workflow.getLogger(TaskExecutionWorkflowImpl.class)
          .warn("fail_task did not complete for task {}", task);
    }
  }
}
