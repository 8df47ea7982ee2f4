package io.servicetsunami.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.in.AuthenticateUseCase;
import io.servicetsunami.ports.model.Principal;
import jakarta.inject.Inject;

/**
 * The HTTP API: JSON over {@code /api/v1}, bearer tokens, problem documents for every failure. It
 * holds no business logic; each route turns a request into a use-case call and its result into a
 * response.
 */
public final class HttpApi {

  static final String API = "/api/v1";

  private final AppConfig config;
  private final ObjectMapper mapper;
  private final AuthenticateUseCase authenticate;
  private final AuthRoutes authRoutes;
  private final AgentRoutes agentRoutes;

  @Inject
  public HttpApi(
      AppConfig config,
      ObjectMapper mapper,
      AuthenticateUseCase authenticate,
      AuthRoutes authRoutes,
      AgentRoutes agentRoutes) {
    this.config = requireNonNull(config, "config is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.authenticate = requireNonNull(authenticate, "authenticate is null");
    this.authRoutes = requireNonNull(authRoutes, "authRoutes is null");
    this.agentRoutes = requireNonNull(agentRoutes, "agentRoutes is null");
  }

  /** A server configured on the settings' host and port, not yet started. */
  public Javalin create() {
    Problems problems = new Problems(mapper);
    return Javalin.create(
        c -> {
          c.jetty.host = config.host();
          c.jetty.port = config.port();
          c.startup.showJavalinBanner = false;
          c.http.maxRequestSize = config.maxRequestBytes();
          c.router.ignoreTrailingSlashes = true;
          c.jsonMapper(new JavalinJackson(mapper, false));
          routes(c, problems);
        });
  }

  private void routes(JavalinConfig c, Problems problems) {
    c.routes.exception(PortException.class, problems::portFailure);
    c.routes.exception(HttpResponseException.class, problems::httpFailure);
    c.routes.exception(Exception.class, problems::unexpected);

    c.routes.get("/health", ctx -> ctx.json(java.util.Map.of("status", "ok")));

    c.routes.post(API + "/auth/register", authRoutes::register);
    c.routes.post(API + "/auth/login", authRoutes::login);
    c.routes.get(API + "/auth/me", ctx -> authRoutes.me(ctx, principal(ctx)));

    c.routes.get(API + "/agents", ctx -> agentRoutes.list(ctx, principal(ctx)));
    c.routes.post(API + "/agents", ctx -> agentRoutes.create(ctx, principal(ctx)));
    c.routes.get(API + "/agents/{id}", ctx -> agentRoutes.get(ctx, principal(ctx)));
    c.routes.put(API + "/agents/{id}", ctx -> agentRoutes.update(ctx, principal(ctx)));
    c.routes.delete(API + "/agents/{id}", ctx -> agentRoutes.delete(ctx, principal(ctx)));
  }

  /** The caller, from its bearer token only. */
  private Principal principal(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ForbiddenException(ErrorCode.UNAUTHENTICATED, "a bearer token is required");
    }
    return authenticate.authenticate(header.substring(7).strip());
  }
}
