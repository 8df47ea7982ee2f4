package io.servicetsunami.canary.app;

import org.glassfish.tyrus.client.ClientManager;

/** The app talking WebSocket to a gateway instead of going through the OpenClaw adapter. */
public final class BadAppOpensTyrusClient {
  public ClientManager client() {
    return ClientManager.createClient();
  }
}
