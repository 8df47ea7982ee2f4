package io.servicetsunami.canary.adapters.k8s;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

/** The k8s adapter probing the gateway over WebSocket, which is the OpenClaw adapter's job. */
public final class BadK8sOpensWebSocket {
  public WebSocketContainer container() {
    return ContainerProvider.getWebSocketContainer();
  }
}
