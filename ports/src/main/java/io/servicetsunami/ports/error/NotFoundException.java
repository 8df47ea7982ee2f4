package io.servicetsunami.ports.error;

/**
 * The addressed thing does not exist for the calling tenant. An id that belongs to another tenant
 * is reported exactly like one that does not exist.
 */
public final class NotFoundException extends PortException {

  public NotFoundException(ErrorCode code, String message) {
    super(code, message, null);
  }

  public NotFoundException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
