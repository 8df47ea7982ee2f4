package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/** The steps of OpenClawProvisionWorkflow; each activity type is named after its step. */
@ActivityInterface
public interface ProvisionActivities {

  @ActivityMethod(name = "generate_openclaw_values")
  Map<String, Object> generateValues(String tenantId, String instanceId, String version);

  @ActivityMethod(name = "helm_install_openclaw")
  void install(String tenantId, String instanceId, String version);

  @ActivityMethod(name = "wait_pod_ready")
  void awaitReady(String tenantId, String instanceId);

  @ActivityMethod(name = "health_check_openclaw")
  void healthCheck(String tenantId, String instanceId);

  @ActivityMethod(name = "register_instance")
  void register(String tenantId, String instanceId, String version);

  @ActivityMethod(name = "mark_instance_failed")
  void markFailed(String tenantId, String instanceId, String reason);
}
