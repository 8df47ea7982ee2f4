package io.servicetsunami.adapters.k8s;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Status;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import java.util.function.Function;

/** Translates the client's {@link ApiException} into the port's error family, once, here. */
final class KubernetesErrors {

  private KubernetesErrors() {}

  /**
   * The port error for a failed call.
   *
   * <ul>
   *   <li>no answer (I/O), 429, 5xx and 409 (another writer got in between; the step converges when
   *       it runs again): {@code runtime_unavailable}, retryable;
   *   <li>404: what {@code notFound} says — a missing release for operations on one, a refusal for
   *       install (e.g. the namespace does not exist);
   *   <li>anything else (400/422 invalid object, 401/403 not allowed, 415 …): {@code
   *       runtime_failed}, not retryable.
   * </ul>
   */
  static PortException translate(
      ApiException e, String action, Function<String, PortException> notFound) {
    int code = e.getCode();
    String detail = describe(e);
    if (code == 404 && notFound != null) {
      return notFound.apply(action + ": " + detail);
    }
    if (isTransient(code)) {
      return new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, action + ": " + detail, e);
    }
    return new PermanentException(
        ErrorCode.RUNTIME_FAILED, action + ": the cluster refused: " + detail, e);
  }

  /** A 404 that means the release does not exist. */
  static Function<String, PortException> releaseNotFound() {
    return message -> new NotFoundException(ErrorCode.RELEASE_NOT_FOUND, message);
  }

  static boolean isTransient(int code) {
    return code == 0 || code == 409 || code == 429 || code >= 500;
  }

  static boolean isTransient(ApiException e) {
    return isTransient(e.getCode());
  }

  /** A short, log-safe description: the HTTP status and the API server's message. */
  static String describe(ApiException e) {
    if (e.getCode() == 0) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return "cluster unreachable ("
          + cause.getClass().getSimpleName()
          + ": "
          + cause.getMessage()
          + ")";
    }
    String message = statusMessage(e.getResponseBody());
    return "HTTP " + e.getCode() + (message.isEmpty() ? "" : " " + message);
  }

  private static String statusMessage(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      V1Status status = JSON.deserialize(body, V1Status.class);
      if (status != null && status.getMessage() != null) {
        return status.getMessage();
      }
    } catch (RuntimeException notAStatus) {
      // An answer that is not a Status object (a proxy's HTML page, say) is not worth quoting.
    }
    return "";
  }
}
