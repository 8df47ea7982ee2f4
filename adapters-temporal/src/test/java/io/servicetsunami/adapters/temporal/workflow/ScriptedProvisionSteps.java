package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.in.ProvisionInstanceSteps;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.InstanceRuntime.Progress;
import java.util.Map;

/** {@link ProvisionInstanceSteps} recording calls by instance id; waits report progress. */
public final class ScriptedProvisionSteps implements ProvisionInstanceSteps {

  /** The instance's gateway token, which the real steps decrypt; never in a history. */
  public static final String INSTANCE_TOKEN = "inst-token-41d8cd98f00b204e-SECRET";

  private final StepLog log;

  public ScriptedProvisionSteps(StepLog log) {
    this.log = log;
  }

  @Override
  public Map<String, Object> generateValues(TenantId tenant, InstanceId instance, String version) {
    log.record("generate_openclaw_values", instance.toString(), tenant, version);
    return Map.of(
        "image", Map.of("tag", version),
        "gateway", Map.of("tokenSecretRef", "openclaw-secrets"),
        "resources", Map.of("cpu", "250m"));
  }

  @Override
  public void install(TenantId tenant, InstanceId instance, String version) {
    log.record("helm_install_openclaw", instance.toString(), tenant, version);
  }

  @Override
  public void awaitReady(TenantId tenant, InstanceId instance, Progress progress) {
    log.record("wait_pod_ready", instance.toString(), tenant);
    progress.report("pod pending");
    progress.report("pod running, 0/1 ready");
    progress.report("pod ready");
  }

  @Override
  public void healthCheck(TenantId tenant, InstanceId instance) {
    log.record("health_check_openclaw", instance.toString(), tenant);
  }

  @Override
  public void register(TenantId tenant, InstanceId instance, String version) {
    log.record("register_instance", instance.toString(), tenant, version);
  }

  @Override
  public void markFailed(TenantId tenant, InstanceId instance, String reason) {
    log.record("mark_instance_failed", instance.toString(), tenant, reason);
  }
}
