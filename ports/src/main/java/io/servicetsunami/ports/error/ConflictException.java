package io.servicetsunami.ports.error;

/**
 * The call contradicts the current state: an illegal transition, a lost optimistic-lock race, a
 * duplicate. Nothing was changed.
 */
public final class ConflictException extends PortException {

  public ConflictException(ErrorCode code, String message) {
    super(code, message, null);
  }

  public ConflictException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
