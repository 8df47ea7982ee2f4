package io.servicetsunami.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.in.AuthenticateUseCase;
import io.servicetsunami.ports.model.Principal;

/**
 * What a {@link RouteGroup} registers on: public routes, tenant routes that run only with a valid
 * bearer token (the tenant comes from the token, never from the request), and the Javalin
 * configuration itself for anything else (server-sent events, before/after handlers).
 */
public final class ApiRoutes {

  /** The prefix of every versioned API path. */
  public static final String API = "/api/v1";

  /** A route that runs for an authenticated caller. */
  @FunctionalInterface
  public interface TenantHandler {
    void handle(Context ctx, Principal principal) throws Exception;
  }

  private final JavalinConfig config;
  private final AuthenticateUseCase authenticate;
  private final ObjectMapper mapper;

  ApiRoutes(JavalinConfig config, AuthenticateUseCase authenticate, ObjectMapper mapper) {
    this.config = requireNonNull(config, "config is null");
    this.authenticate = requireNonNull(authenticate, "authenticate is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
  }

  public void publicGet(String path, Handler handler) {
    config.routes.get(path, handler);
  }

  public void publicPost(String path, Handler handler) {
    config.routes.post(path, handler);
  }

  public void get(String path, TenantHandler handler) {
    config.routes.get(path, ctx -> handler.handle(ctx, principal(ctx)));
  }

  public void post(String path, TenantHandler handler) {
    config.routes.post(path, ctx -> handler.handle(ctx, principal(ctx)));
  }

  public void put(String path, TenantHandler handler) {
    config.routes.put(path, ctx -> handler.handle(ctx, principal(ctx)));
  }

  public void delete(String path, TenantHandler handler) {
    config.routes.delete(path, ctx -> handler.handle(ctx, principal(ctx)));
  }

  /** The API's JSON mapper (snake_case, unknown fields refused). */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** The server's configuration, for what the methods above do not cover. */
  public JavalinConfig javalin() {
    return config;
  }

  /**
   * The caller, from its bearer token only.
   *
   * @throws ForbiddenException {@code unauthenticated} without a valid token
   */
  public Principal principal(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ForbiddenException(ErrorCode.UNAUTHENTICATED, "a bearer token is required");
    }
    return authenticate.authenticate(header.substring(7).strip());
  }
}
