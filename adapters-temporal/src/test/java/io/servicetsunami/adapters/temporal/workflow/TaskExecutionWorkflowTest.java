package io.servicetsunami.adapters.temporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemoryWorkflowEngine;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TaskExecutionWorkflowTest {

  private static TestTemporal temporal;

  @BeforeAll
  static void startTemporal() {
    temporal = TestTemporal.start(client -> new InMemoryWorkflowEngine());
  }

  @AfterAll
  static void stopTemporal() {
    temporal.close();
  }

  private final String tenant = Fixtures.tenantId().toString();
  private final TaskId taskId = Fixtures.taskId();
  private final String task = taskId.toString();

  private TaskExecutionWorkflow workflow(Duration approvalExpiry) {
    return temporal
        .client()
        .newWorkflowStub(
            TaskExecutionWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("task-" + task)
                .setTaskQueue(TestDefinitions.ORCHESTRATION)
                .build());
  }

  private TaskExecutionPayload input(Duration approvalExpiry) {
    return new TaskExecutionPayload(
        tenant, task, approvalExpiry == null ? null : approvalExpiry.toString());
  }

  @Test
  void runsTheFiveStepsInOrderAndCompletes() {
    TaskOutcomePayload outcome = workflow(null).execute(input(null));

    assertThat(outcome).isEqualTo(new TaskOutcomePayload("completed", 0.75, null));
    assertThat(temporal.log.steps(task))
        .containsExactly(
            "dispatch_task", "recall_memory", "execute_task", "persist_entities", "evaluate_task");
    assertThat(temporal.log.calls("execute_task", task).get(0).args())
        .contains(List.of(ScriptedTaskSteps.MEMORY));
  }

  @Test
  void retriesAStepThatFailsTwiceAfterThirtyThenSixtySecondsAndCompletes() {
    temporal.log.failTransiently("execute_task", task, 2);

    TaskOutcomePayload outcome = workflow(null).execute(input(null));

    assertThat(outcome.outcome()).isEqualTo("completed");
    List<StepLog.Call> attempts = temporal.log.calls("execute_task", task);
    assertThat(attempts).hasSize(3);
    assertThat(attempts.get(1).atMillis() - attempts.get(0).atMillis()).isBetween(30_000L, 31_000L);
    assertThat(attempts.get(2).atMillis() - attempts.get(1).atMillis()).isBetween(60_000L, 61_000L);
    assertThat(temporal.log.steps(task)).doesNotContain("fail_task");
  }

  @Test
  void failsTheTaskWhenAStepKeepsFailingTransiently() {
    temporal.log.failTransiently("persist_entities", task, 3);
    TaskExecutionWorkflow workflow = workflow(null);

    assertThatThrownBy(() -> workflow.execute(input(null)))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE.code()));
    assertThat(temporal.log.calls("persist_entities", task)).hasSize(3);
    StepLog.Call fail = temporal.log.calls("fail_task", task).get(0);
    assertThat(fail.args().get(1)).isEqualTo(4);
    assertThat((String) fail.args().get(2)).startsWith("persist_entities failed:");
  }

  static Stream<PortException> permanentErrors() {
    return Stream.of(
        new PermanentException(ErrorCode.RUNTIME_FAILED, "the runtime rejected the task"),
        new NotFoundException(ErrorCode.TASK_NOT_FOUND, "task gone"),
        new ConflictException(ErrorCode.NO_AGENT_AVAILABLE, "no agent"),
        new InvalidInputException(ErrorCode.INVALID_INPUT, "bad"),
        new ForbiddenException(ErrorCode.FORBIDDEN, "no"));
  }

  @ParameterizedTest
  @MethodSource("permanentErrors")
  void aPermanentFailureFailsFastWithoutRetryAndFailsTheTask(PortException error) {
    temporal.log.failNext("execute_task", task, error);
    TaskExecutionWorkflow workflow = workflow(null);

    assertThatThrownBy(() -> workflow.execute(input(null)))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(error.code().code());
              assertThat(f.getOriginalMessage())
                  .contains("execute_task failed", error.getMessage());
            });
    assertThat(temporal.log.calls("execute_task", task)).hasSize(1);
    StepLog.Call fail = temporal.log.calls("fail_task", task).get(0);
    // No retry: the task failed before the first retry interval (30 s) could even pass.
    assertThat(fail.atMillis() - temporal.log.calls("execute_task", task).get(0).atMillis())
        .isLessThan(30_000);
    assertThat(fail.args().get(1)).isEqualTo(3);
    assertThat((String) fail.args().get(2)).contains(error.code().code());
    assertThat(temporal.log.steps(task)).doesNotContain("persist_entities", "evaluate_task");
  }

  @Test
  void waitsForApprovalThenResumesWithTheApprover() {
    temporal.taskSteps.requireApproval(taskId);
    TaskExecutionWorkflow workflow = workflow(null);
    WorkflowClient.start(workflow::execute, input(null));
    awaitStep(workflow, "waiting_approval");
    temporal.env.sleep(Duration.ofDays(3)); // a durable wait: days pass, nothing happens
    assertThat(temporal.log.steps(task)).doesNotContain("persist_entities", "fail_task");
    String approver = Fixtures.userId().toString();

    workflow.approve(new ApprovePayload(approver));
    workflow.reject(new RejectPayload(Fixtures.userId().toString(), "too late, ignored"));

    TaskOutcomePayload outcome =
        temporal
            .client()
            .newUntypedWorkflowStub("task-" + task)
            .getResult(TaskOutcomePayload.class);
    assertThat(outcome.outcome()).isEqualTo("completed");
    assertThat(temporal.log.steps(task))
        .containsExactly(
            "dispatch_task",
            "recall_memory",
            "execute_task",
            "approve_task",
            "persist_entities",
            "evaluate_task");
    assertThat(temporal.log.calls("approve_task", task).get(0).args().get(1).toString())
        .isEqualTo(approver);
  }

  @Test
  void aRejectionFailsTheTaskAtStepThreeWithTheReason() {
    temporal.taskSteps.requireApproval(taskId);
    TaskExecutionWorkflow workflow = workflow(null);
    WorkflowClient.start(workflow::execute, input(null));
    awaitStep(workflow, "waiting_approval");

    workflow.reject(new RejectPayload("u-1", "wrong numbers"));

    TaskOutcomePayload outcome =
        temporal
            .client()
            .newUntypedWorkflowStub("task-" + task)
            .getResult(TaskOutcomePayload.class);
    assertThat(outcome.outcome()).isEqualTo("rejected");
    StepLog.Call fail = temporal.log.calls("fail_task", task).get(0);
    assertThat(fail.args().get(1)).isEqualTo(3);
    assertThat((String) fail.args().get(2)).isEqualTo("rejected by u-1: wrong numbers");
    assertThat(temporal.log.steps(task)).doesNotContain("approve_task", "persist_entities");
  }

  @Test
  void anApprovalThatExpiresFailsTheTask() {
    temporal.taskSteps.requireApproval(taskId);

    TaskOutcomePayload outcome =
        workflow(Duration.ofHours(48)).execute(input(Duration.ofHours(48)));

    assertThat(outcome.outcome()).isEqualTo("expired");
    StepLog.Call fail = temporal.log.calls("fail_task", task).get(0);
    assertThat(fail.atMillis() - temporal.log.calls("execute_task", task).get(0).atMillis())
        .isBetween(Duration.ofHours(48).toMillis(), Duration.ofHours(49).toMillis());
    assertThat(fail.args().get(1)).isEqualTo(3);
    assertThat((String) fail.args().get(2)).contains("approval expired", "PT48H");
  }

  @Test
  void anApprovalBeforeTheExpiryWins() {
    temporal.taskSteps.requireApproval(taskId);
    TaskExecutionWorkflow workflow = workflow(Duration.ofHours(48));
    WorkflowClient.start(workflow::execute, input(Duration.ofHours(48)));
    awaitStep(workflow, "waiting_approval");
    temporal.env.sleep(Duration.ofHours(47));

    workflow.approve(new ApprovePayload(Fixtures.userId().toString()));

    assertThat(
            temporal
                .client()
                .newUntypedWorkflowStub("task-" + task)
                .getResult(TaskOutcomePayload.class)
                .outcome())
        .isEqualTo("completed");
  }

  private static void awaitStep(TaskExecutionWorkflow workflow, String step) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        if (step.equals(workflow.currentStep())) {
          return;
        }
      } catch (RuntimeException notYetStarted) {
        // the first workflow task has not run yet
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("workflow never reached " + step);
  }
}
