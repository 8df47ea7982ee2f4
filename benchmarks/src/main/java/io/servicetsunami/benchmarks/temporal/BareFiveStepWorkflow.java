package io.servicetsunami.benchmarks.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;

/**
 * The baseline: a plain Temporal workflow of five activities written the SDK samples' way, with the
 * task pipeline's timeouts and retry policy hard-coded and plain string arguments.
 */
@WorkflowInterface
public interface BareFiveStepWorkflow {

  @WorkflowMethod(name = "BareFiveStepWorkflow")
  double run(String tenantId, String taskId);

  /** Five activities that do nothing. */
  @ActivityInterface
  interface Steps {
    @ActivityMethod(name = "bare_dispatch")
    String dispatch(String tenantId, String taskId);

    @ActivityMethod(name = "bare_recall")
    List<String> recall(String tenantId, String taskId);

    @ActivityMethod(name = "bare_execute")
    boolean execute(String tenantId, String taskId, List<String> memories);

    @ActivityMethod(name = "bare_persist")
    int persist(String tenantId, String taskId);

    @ActivityMethod(name = "bare_evaluate")
    double evaluate(String tenantId, String taskId);
  }

  /** No-op activities. */
  final class NoOpSteps implements Steps {
    @Override
    public String dispatch(String tenantId, String taskId) {
      return "agent";
    }

    @Override
    public List<String> recall(String tenantId, String taskId) {
      return List.of();
    }

    @Override
    public boolean execute(String tenantId, String taskId, List<String> memories) {
      return false;
    }

    @Override
    public int persist(String tenantId, String taskId) {
      return 0;
    }

    @Override
    public double evaluate(String tenantId, String taskId) {
      return 1.0;
    }
  }

  /** The workflow. */
  final class Impl implements BareFiveStepWorkflow {
    private final Steps steps =
        Workflow.newActivityStub(
            Steps.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setMaximumAttempts(3)
                        .setInitialInterval(Duration.ofSeconds(30))
                        .setBackoffCoefficient(2.0)
                        .setMaximumInterval(Duration.ofMinutes(5))
                        .build())
                .build());

    @Override
    public double run(String tenantId, String taskId) {
      steps.dispatch(tenantId, taskId);
      List<String> memories = steps.recall(tenantId, taskId);
      steps.execute(tenantId, taskId, memories);
      steps.persist(tenantId, taskId);
      return steps.evaluate(tenantId, taskId);
    }
  }
}
