package io.servicetsunami.exemplar.ports.error;

public final class NotFoundException extends PortException {
  public NotFoundException(String message) {
    super(message);
  }
}
