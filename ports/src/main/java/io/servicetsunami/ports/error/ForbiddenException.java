package io.servicetsunami.ports.error;

/**
 * The caller is not allowed to do this (unauthenticated, disabled skill, rate limit). Nothing was
 * changed.
 */
public final class ForbiddenException extends PortException {

  public ForbiddenException(ErrorCode code, String message) {
    super(code, message, null);
  }

  public ForbiddenException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
