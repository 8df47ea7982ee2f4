package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.model.WorkflowDefinition;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Renders, installs, waits for the pod (heartbeating), checks health and registers the instance. A
 * step that fails for good moves the instance to {@code error} through {@code
 * mark_instance_failed}, then fails the workflow with the step's error code.
 */
final class OpenClawProvisionWorkflowImpl implements OpenClawProvisionWorkflow {

  static final String VALUES = "generate_openclaw_values";
  static final String INSTALL = "helm_install_openclaw";
  static final String READY = "wait_pod_ready";
  static final String HEALTH = "health_check_openclaw";
  static final String REGISTER = "register_instance";
  static final String MARK_FAILED = "mark_instance_failed";

  static final List<String> STEPS = List.of(VALUES, INSTALL, READY, HEALTH, REGISTER);
  static final List<String> AUXILIARY = List.of(MARK_FAILED);

  private final ProvisionActivities activities;

  OpenClawProvisionWorkflowImpl(WorkflowDefinition definition) {
    this.activities = StepOptions.stub(ProvisionActivities.class, definition);
  }

  @Override
  public void provision(ProvisionPayload input) {
    String tenant = input.tenantId();
    String instance = input.instanceId();
    String step = VALUES;
    try {
      activities.generateValues(tenant, instance, input.version());
      step = INSTALL;
      activities.install(tenant, instance, input.version());
      step = READY;
      activities.awaitReady(tenant, instance);
      step = HEALTH;
      activities.healthCheck(tenant, instance);
      step = REGISTER;
      activities.register(tenant, instance, input.version());
    } catch (ActivityFailure failure) {
      markFailed(tenant, instance, Failures.reason(step, failure));
      throw Failures.workflowFailure(step, failure);
    } catch (CanceledFailure cancelled) {
      String reason = "provisioning cancelled at " + step;
      Workflow.newDetachedCancellationScope(() -> markFailed(tenant, instance, reason)).run();
      throw cancelled;
    }
  }

  private void markFailed(String tenant, String instance, String reason) {
    try {
      activities.markFailed(tenant, instance, reason);
    } catch (ActivityFailure compensationFailed) {
      Workflow.getLogger(OpenClawProvisionWorkflowImpl.class)
          .warn("mark_instance_failed did not complete for instance {}", instance);
    }
  }
}
