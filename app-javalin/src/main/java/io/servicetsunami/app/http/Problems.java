package io.servicetsunami.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps failures to RFC 9457 problem documents, once, by type: the port family as {@link
 * PortException} documents it, Javalin's own HTTP errors, and anything else as a 500 that hides its
 * cause.
 */
final class Problems {

  static final String CONTENT_TYPE = "application/problem+json";

  /** Problem documents carry a stable, machine-readable {@code code} besides the RFC's fields. */
  record Problem(String type, String title, int status, String detail, String code) {}

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

  private final ObjectMapper mapper;

  Problems(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The HTTP status for a port failure. */
  static int status(PortException e) {
    if (e instanceof NotFoundException) {
      return 404;
    } else if (e instanceof ConflictException) {
      return 409;
    } else if (e instanceof InvalidInputException) {
      return 400;
    } else if (e instanceof ForbiddenException) {
      return switch (e.code()) {
        case UNAUTHENTICATED, INVALID_CREDENTIALS -> 401;
        case RATE_LIMITED -> 429;
        default -> 403;
      };
    } else if (e instanceof TransientException) {
      return 503;
    } else if (e instanceof PermanentException) {
      return 502;
    }
    throw new IllegalStateException("unmapped port exception " + e.getClass());
  }

  void portFailure(PortException e, Context ctx) {
    int status = status(e);
    if (status == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    if (e instanceof TransientException transientFailure) {
      Duration after = transientFailure.retryAfter().orElse(DEFAULT_RETRY_AFTER);
      long seconds = Math.max(1, after.toSeconds() + (after.toSecondsPart() == 0 ? 0 : 1));
      ctx.header("Retry-After", Long.toString(seconds));
    }
    if (status >= 500) {
      LOG.warn("{} {} failed: {} ({})", ctx.method(), ctx.path(), e.getMessage(), e.code().code());
    }
    write(ctx, status, e.getMessage(), e.code().code());
  }

  void httpFailure(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    String code =
        switch (status) {
          case 404 -> "not_found";
          case 405 -> "method_not_allowed";
          case 413 -> "payload_too_large";
          case 415 -> "unsupported_media_type";
          default -> status < 500 ? ErrorCode.INVALID_INPUT.code() : ErrorCode.INTERNAL.code();
        };
    write(ctx, status, e.getMessage(), code);
  }

  void unexpected(Exception e, Context ctx) {
    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    write(ctx, 500, "internal error", ErrorCode.INTERNAL.code());
  }

  private void write(Context ctx, int status, String detail, String code) {
    Problem problem =
        new Problem("about:blank", HttpStatus.forStatus(status).getMessage(), status, detail, code);
    String body;
    try {
      body = mapper.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      body = "{\"status\":" + status + ",\"code\":\"" + code + "\"}";
    }
    ctx.status(status).contentType(CONTENT_TYPE).result(body);
  }
}
