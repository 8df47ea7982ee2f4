package io.servicetsunami.canary.adapters.openclaw;

import io.servicetsunami.canary.adapters.k8s.BadK8sCallsOpenClaw;

/** One adapter calling another; with BadK8sCallsOpenClaw it also forms a cycle. */
public final class BadOpenClawCallsK8s {
  public String url() {
    return new BadK8sCallsOpenClaw().namespace();
  }

  public String gatewayUrl() {
    return "ws://gateway";
  }
}
