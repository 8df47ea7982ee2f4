package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.model.RetryPolicy;
import io.servicetsunami.ports.model.StepDefinition;
import io.servicetsunami.ports.model.WorkflowDefinition;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Activity options straight from a definition: each step's start-to-close timeout, heartbeat
 * timeout, retry policy, and the definition's task queue. Nothing here is a constant of its own.
 */
final class StepOptions {

  private StepOptions() {}

  static ActivityOptions of(WorkflowDefinition definition, StepDefinition step) {
    ActivityOptions.Builder options =
        ActivityOptions.newBuilder()
            .setTaskQueue(definition.taskQueue())
            .setStartToCloseTimeout(step.startToCloseTimeout())
            .setRetryOptions(retry(step.retryPolicy()));
    step.heartbeatTimeout().ifPresent(options::setHeartbeatTimeout);
    return options.build();
  }

  static RetryOptions retry(RetryPolicy policy) {
    return RetryOptions.newBuilder()
        .setMaximumAttempts(policy.maximumAttempts())
        .setInitialInterval(policy.initialInterval())
        .setBackoffCoefficient(policy.backoffCoefficient())
        .setMaximumInterval(policy.maximumInterval())
        .build();
  }

  /** Options keyed by activity type, i.e. by step name, for every main and auxiliary step. */
  static Map<String, ActivityOptions> byStep(WorkflowDefinition definition) {
    Map<String, ActivityOptions> options = new HashMap<>();
    Stream.concat(definition.steps().stream(), definition.auxiliarySteps().stream())
        .forEach(step -> options.putIfAbsent(step.name(), of(definition, step)));
    return options;
  }

  /**
   * A stub for {@code activities} whose every method runs with the options of the step of the same
   * name. Called from workflow code only.
   */
  static <T> T stub(Class<T> activities, WorkflowDefinition definition) {
    Map<String, ActivityOptions> byStep = byStep(definition);
    // Registration checked that every method the workflow calls has a step; the defaults only
    // satisfy the SDK, which wants some options for methods without an entry.
    StepDefinition first =
        definition.steps().isEmpty()
            ? definition.auxiliarySteps().get(0)
            : definition.steps().get(0);
    return Workflow.newActivityStub(activities, of(definition, first), byStep);
  }
}
