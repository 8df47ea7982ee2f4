package io.servicetsunami.ports.model;

/**
 * Where a tenant's OpenClaw instance is in its lifecycle: {@code provisioning → running ⇄ stopped},
 * {@code running → upgrading → running}, {@code any → destroying → (deleted)}, and {@code error}
 * when provisioning or a running gateway fails. Legal moves are decided by the core's instance
 * state machine.
 */
public enum InstanceStatus implements WireEnum {
  PROVISIONING,
  RUNNING,
  STOPPED,
  UPGRADING,
  ERROR,
  DESTROYING;

  public static InstanceStatus fromWire(String wire) {
    return WireEnum.parse(InstanceStatus.class, wire);
  }
}
