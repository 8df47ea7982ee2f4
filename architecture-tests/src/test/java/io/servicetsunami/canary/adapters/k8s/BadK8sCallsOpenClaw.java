package io.servicetsunami.canary.adapters.k8s;

import io.servicetsunami.canary.adapters.openclaw.BadOpenClawCallsK8s;

/** The k8s adapter calling the OpenClaw adapter back. */
public final class BadK8sCallsOpenClaw {
  public String namespace() {
    return "prod";
  }

  public String gatewayUrl() {
    return new BadOpenClawCallsK8s().gatewayUrl();
  }
}
