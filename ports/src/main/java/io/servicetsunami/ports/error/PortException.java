package io.servicetsunami.ports.error;

import static java.util.Objects.requireNonNull;

/**
 * The one family of failures that crosses a port. Adapters translate their technology's exceptions
 * into one of these at the boundary; each edge (HTTP, Temporal) maps the family once: not found →
 * 404, conflict → 409, invalid input → 400, forbidden → 403 (401 for {@code unauthenticated} and
 * {@code invalid_credentials}, 429 for {@code rate_limited}), transient → 503 and retryable,
 * permanent → 502 and non-retryable.
 *
 * <p>Messages are safe to show to the caller and to log: they never contain credentials.
 */
public abstract sealed class PortException extends RuntimeException
    permits NotFoundException,
        ConflictException,
        InvalidInputException,
        ForbiddenException,
        TransientException,
        PermanentException {

  private final ErrorCode code;

  protected PortException(ErrorCode code, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.code = requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }

  /** Whether repeating the same call later may succeed. */
  public boolean retryable() {
    return false;
  }
}
