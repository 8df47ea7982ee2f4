package io.servicetsunami.exemplar.adapters.temporal;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

@WorkflowInterface
public interface ProvisionWorkflow {
  @WorkflowMethod
  void provision(String instanceId);
}
