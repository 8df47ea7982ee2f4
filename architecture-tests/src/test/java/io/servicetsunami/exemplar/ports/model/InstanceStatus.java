package io.servicetsunami.exemplar.ports.model;

public enum InstanceStatus {
  PROVISIONING,
  RUNNING,
  STOPPED,
  ERROR;

  public boolean canMoveTo(InstanceStatus next) {
    return switch (this) {
      case PROVISIONING -> next == RUNNING || next == ERROR;
      case RUNNING -> next == STOPPED || next == ERROR;
      case STOPPED -> next == RUNNING;
      case ERROR -> false;
    };
  }
}
