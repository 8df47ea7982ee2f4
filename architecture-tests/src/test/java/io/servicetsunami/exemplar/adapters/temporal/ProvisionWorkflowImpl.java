package io.servicetsunami.exemplar.adapters.temporal;

import io.servicetsunami.exemplar.ports.model.InstanceId;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Temporal's own *Impl idiom, the one place the name is allowed. */
public final class ProvisionWorkflowImpl implements ProvisionWorkflow {
  @Override
  public void provision(String instanceId) {
    new InstanceId(instanceId);
    Workflow.sleep(Duration.ofSeconds(Workflow.currentTimeMillis() % 2));
  }
}
