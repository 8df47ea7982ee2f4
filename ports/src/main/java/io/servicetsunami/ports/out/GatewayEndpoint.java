package io.servicetsunami.ports.out;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.Secret;
import java.util.Optional;

/**
 * How to reach one instance's gateway.
 *
 * @param url the gateway's base URL, e.g. {@code
 *     http://openclaw-1a2b3c4d.prod.svc.cluster.local:18789}
 * @param token the gateway token
 * @param deviceToken the token the gateway issued to the control plane's paired device, if paired
 */
public record GatewayEndpoint(
    InstanceId instanceId, String url, Secret token, Optional<Secret> deviceToken) {

  public GatewayEndpoint {
    requireNonNull(instanceId, "instanceId is null");
    requireNonNull(url, "url is null");
    requireNonNull(token, "token is null");
    requireNonNull(deviceToken, "deviceToken is null");
  }
}
