package io.servicetsunami.ports.error;

/**
 * A failure of a collaborator that repeating the call cannot fix: a rejected gateway token, an
 * image that cannot be pulled, a malformed credential. Workflows must not retry it.
 */
public final class PermanentException extends PortException {

  public PermanentException(ErrorCode code, String message) {
    super(code, message, null);
  }

  public PermanentException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
