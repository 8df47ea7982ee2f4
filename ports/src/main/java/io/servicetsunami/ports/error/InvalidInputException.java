package io.servicetsunami.ports.error;

/** The input is malformed or violates a rule of the domain. Nothing was changed. */
public final class InvalidInputException extends PortException {

  public InvalidInputException(ErrorCode code, String message) {
    super(code, message, null);
  }

  public InvalidInputException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
