package io.servicetsunami.adapters.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;

/**
 * Temporal client errors as port errors: "no such (running) workflow" is {@code
 * workflow_not_found}; anything else — the server down, a deadline, an unexpected status — is
 * {@code workflow_engine_unavailable}, the one failure the engine port lets every method throw.
 */
final class EngineErrors {

  private EngineErrors() {}

  static PortException translate(String workflowId, RuntimeException e) {
    if (e instanceof PortException port) {
      return port;
    }
    if (isNotFound(e)) {
      return notFound(workflowId, e);
    }
    String status = status(e).map(s -> s.getCode().name()).orElse(e.getClass().getSimpleName());
    return new TransientException(
        ErrorCode.WORKFLOW_ENGINE_UNAVAILABLE,
        "Temporal did not answer for workflow " + workflowId + " (" + status + ")",
        e);
  }

  static NotFoundException notFound(String workflowId, Throwable cause) {
    return new NotFoundException(ErrorCode.WORKFLOW_NOT_FOUND, "no workflow " + workflowId, cause);
  }

  static boolean isNotFound(Throwable e) {
    if (e instanceof WorkflowNotFoundException) {
      return true;
    }
    return status(e).map(s -> s.getCode() == Status.Code.NOT_FOUND).orElse(false);
  }

  private static Optional<Status> status(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException grpc) {
        return Optional.of(grpc.getStatus());
      }
      if (cause instanceof WorkflowNotFoundException) {
        return Optional.of(Status.NOT_FOUND);
      }
    }
    return Optional.empty();
  }
}
