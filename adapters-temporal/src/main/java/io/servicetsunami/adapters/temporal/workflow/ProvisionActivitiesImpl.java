package io.servicetsunami.adapters.temporal.workflow;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.in.ProvisionInstanceSteps;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.TenantId;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.Map;

/** Thin calls into {@link ProvisionInstanceSteps}; port errors map at this edge. */
final class ProvisionActivitiesImpl implements ProvisionActivities {

  private final ProvisionInstanceSteps steps;

  ProvisionActivitiesImpl(ProvisionInstanceSteps steps) {
    this.steps = requireNonNull(steps, "steps is null");
  }

  @Override
  public Map<String, Object> generateValues(String tenantId, String instanceId, String version) {
    return Failures.call(
        () ->
            steps.generateValues(TenantId.parse(tenantId), InstanceId.parse(instanceId), version));
  }

  @Override
  public void install(String tenantId, String instanceId, String version) {
    Failures.run(
        () -> steps.install(TenantId.parse(tenantId), InstanceId.parse(instanceId), version));
  }

  /**
   * The step reports progress while it waits; each report is a heartbeat, so a dead worker is
   * noticed after the step's heartbeat timeout rather than its six-minute start-to-close timeout,
   * and a cancellation reaches the wait.
   */
  @Override
  public void awaitReady(String tenantId, String instanceId) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Failures.run(
        () ->
            steps.awaitReady(
                TenantId.parse(tenantId), InstanceId.parse(instanceId), context::heartbeat));
  }

  @Override
  public void healthCheck(String tenantId, String instanceId) {
    Failures.run(() -> steps.healthCheck(TenantId.parse(tenantId), InstanceId.parse(instanceId)));
  }

  @Override
  public void register(String tenantId, String instanceId, String version) {
    Failures.run(
        () -> steps.register(TenantId.parse(tenantId), InstanceId.parse(instanceId), version));
  }

  @Override
  public void markFailed(String tenantId, String instanceId, String reason) {
    Failures.run(
        () -> steps.markFailed(TenantId.parse(tenantId), InstanceId.parse(instanceId), reason));
  }
}
