package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Provisions (or upgrades) one tenant's OpenClaw gateway in five steps. */
@WorkflowInterface
public interface OpenClawProvisionWorkflow {

  @WorkflowMethod(name = "OpenClawProvisionWorkflow")
  void provision(ProvisionPayload input);
}
