package io.servicetsunami.adapters.openclaw;

import java.util.List;

/**
 * The params of the {@code connect} request. The gateway's schema is closed: every field here is
 * one it knows, and absent optional fields are omitted (never sent as {@code null}).
 */
record ConnectParamsFrame(
    int minProtocol,
    int maxProtocol,
    ClientFrame client,
    String role,
    List<String> scopes,
    List<String> caps,
    AuthFrame auth,
    String userAgent,
    DeviceFrame device) {

  /**
   * Who connects: {@code client.id} and {@code client.mode} come from the gateway's fixed lists.
   */
  record ClientFrame(String id, String version, String platform, String mode) {}

  /** The shared gateway token, plus the paired device's token when it has one. */
  record AuthFrame(String token, String deviceToken) {}

  /** The signed Ed25519 device identity; all five fields or none. */
  record DeviceFrame(String id, String publicKey, String signature, long signedAt, String nonce) {}
}
