package io.servicetsunami.canary.core;

import io.temporal.workflow.Workflow;

/** Workflow logic in the core bound to the Temporal SDK. */
public final class BadCoreUsesTemporal {
  public long startedAt() {
    return Workflow.currentTimeMillis();
  }
}
