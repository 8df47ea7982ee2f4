package io.servicetsunami.exemplar.ports.error;

public abstract sealed class PortException extends RuntimeException permits NotFoundException {
  protected PortException(String message) {
    super(message);
  }
}
