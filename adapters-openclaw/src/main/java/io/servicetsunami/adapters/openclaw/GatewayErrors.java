package io.servicetsunami.adapters.openclaw;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import java.time.Duration;
import java.util.Set;

/**
 * The gateway's failures as port errors. Decisions follow the error's {@code code} and {@code
 * details.code} (never its message): a rejected credential or protocol is permanent, so nobody
 * retries it into a storm; {@code UNAVAILABLE}, anything marked {@code retryable} and a dropped or
 * restarting socket are transient, with the server's {@code retryAfterMs} when it gave one.
 */
final class GatewayErrors {

  /** {@code details.code} values that mean "these credentials or this client will never do". */
  private static final Set<String> AUTH_DETAIL_CODES =
      Set.of(
          "AUTH_REQUIRED",
          "AUTH_UNAUTHORIZED",
          "AUTH_TOKEN_MISSING",
          "AUTH_TOKEN_MISMATCH",
          "AUTH_TOKEN_NOT_CONFIGURED",
          "AUTH_PASSWORD_MISSING",
          "AUTH_PASSWORD_MISMATCH",
          "AUTH_PASSWORD_NOT_CONFIGURED",
          "AUTH_BOOTSTRAP_TOKEN_INVALID",
          "AUTH_DEVICE_TOKEN_MISMATCH",
          "AUTH_SCOPE_MISMATCH",
          "AUTH_IDENTITY_HEADER_REQUIRED",
          "AUTH_VERIFIED_USER_REQUIRED",
          "PROTOCOL_MISMATCH",
          "CLIENT_VERSION_MISMATCH",
          "DEVICE_IDENTITY_REQUIRED",
          "DEVICE_AUTH_INVALID",
          "DEVICE_AUTH_DEVICE_ID_MISMATCH",
          "DEVICE_AUTH_SIGNATURE_EXPIRED",
          "DEVICE_AUTH_NONCE_REQUIRED",
          "DEVICE_AUTH_NONCE_MISMATCH",
          "DEVICE_AUTH_SIGNATURE_INVALID",
          "DEVICE_AUTH_PUBLIC_KEY_INVALID",
          "PAIRING_REQUIRED",
          "CONTROL_UI_ORIGIN_NOT_ALLOWED",
          "CONTROL_UI_DEVICE_IDENTITY_REQUIRED");

  /** WebSocket close codes: policy violation and protocol error. */
  static final int CLOSE_POLICY = 1008;

  static final int CLOSE_PROTOCOL = 1002;

  private GatewayErrors() {}

  /** The gateway refused the {@code connect} request. */
  static PortException connectRejected(ErrorFrame error) {
    String detail = error.detailCode();
    String what = describe(error);
    if (isTransient(error) || "AUTH_RATE_LIMITED".equals(detail)) {
      return transientWithRetryAfter("the gateway is not accepting connections: " + what, error);
    }
    if ((detail != null && AUTH_DETAIL_CODES.contains(detail))
        || "NOT_PAIRED".equals(error.code())
        || "FORBIDDEN".equals(error.code())) {
      return new PermanentException(
          ErrorCode.GATEWAY_AUTH_FAILED, "the gateway rejected the connection: " + what);
    }
    return new PermanentException(
        ErrorCode.GATEWAY_REJECTED, "the gateway rejected the connection: " + what);
  }

  /** The gateway answered a request with {@code ok:false}. */
  static PortException requestRejected(String method, ErrorFrame error) {
    String what = describe(error);
    if (isTransient(error)) {
      return transientWithRetryAfter(
          "the gateway could not serve " + method + " now: " + what, error);
    }
    if ("FORBIDDEN".equals(error.code()) || "NOT_PAIRED".equals(error.code())) {
      return new PermanentException(
          ErrorCode.GATEWAY_AUTH_FAILED, "the gateway refused " + method + ": " + what);
    }
    return new PermanentException(
        ErrorCode.GATEWAY_REJECTED, "the gateway refused " + method + ": " + what);
  }

  /** The socket closed during the handshake without an error response. */
  static PortException closedDuringHandshake(int code, String reason) {
    String what = "the gateway closed the connection during the handshake (" + code + close(reason);
    if (code == CLOSE_PROTOCOL) {
      return new PermanentException(ErrorCode.GATEWAY_AUTH_FAILED, what);
    }
    if (code == CLOSE_POLICY) {
      return new PermanentException(ErrorCode.GATEWAY_REJECTED, what);
    }
    return new TransientException(ErrorCode.GATEWAY_UNAVAILABLE, what);
  }

  /** The socket closed while calls were waiting. */
  static TransientException dropped(int code, String reason) {
    return new TransientException(
        ErrorCode.GATEWAY_UNAVAILABLE, "the gateway connection dropped (" + code + close(reason));
  }

  static TransientException unreachable(String url, Throwable cause) {
    String because = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    return new TransientException(
        ErrorCode.GATEWAY_UNAVAILABLE, "cannot reach the gateway at " + url + because, cause);
  }

  static TransientException timeout(String what) {
    return new TransientException(ErrorCode.GATEWAY_TIMEOUT, what);
  }

  static PermanentException malformed(String what) {
    return new PermanentException(ErrorCode.GATEWAY_REJECTED, what);
  }

  private static boolean isTransient(ErrorFrame error) {
    return Boolean.TRUE.equals(error.retryable()) || "UNAVAILABLE".equals(error.code());
  }

  private static TransientException transientWithRetryAfter(String message, ErrorFrame error) {
    Long after = error.retryAfterMs();
    return new TransientException(
        ErrorCode.GATEWAY_UNAVAILABLE,
        message,
        after == null || after < 0 ? null : Duration.ofMillis(after),
        null);
  }

  private static String describe(ErrorFrame error) {
    StringBuilder text = new StringBuilder(String.valueOf(error.code()));
    if (error.detailCode() != null) {
      text.append('/').append(error.detailCode());
    }
    if (error.message() != null) {
      text.append(" \"").append(error.message()).append('"');
    }
    if (error.details() != null && error.details().hasNonNull("requestId")) {
      text.append(" (pairing request ")
          .append(error.details().get("requestId").asText())
          .append(')');
    }
    return text.toString();
  }

  private static String close(String reason) {
    return reason == null || reason.isBlank() ? ")" : " " + reason + ")";
  }
}
