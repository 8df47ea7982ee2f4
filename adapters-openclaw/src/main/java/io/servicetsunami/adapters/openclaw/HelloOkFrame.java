package io.servicetsunami.adapters.openclaw;

import java.util.List;

/** The payload of the response to {@code connect}: {@code {"type":"hello-ok", protocol, …}}. */
record HelloOkFrame(
    String type, Integer protocol, ServerFrame server, AuthFrame auth, PolicyFrame policy) {

  /** Which gateway answered; {@code bootId} changes on every gateway start. */
  record ServerFrame(String version, String bootId, String connId) {}

  /** What the connection may do, and a device token when the gateway issued one. */
  record AuthFrame(String method, String role, List<String> scopes, String deviceToken) {}

  /** The limits of this connection. */
  record PolicyFrame(Long maxPayload, Long maxBufferedBytes, Long tickIntervalMs) {}
}
