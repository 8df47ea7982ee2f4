package io.servicetsunami.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.in.AuthenticateUseCase;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The HTTP API: JSON over {@code /api/v1}, bearer tokens, problem documents for every failure. It
 * holds no business logic; each {@link RouteGroup} turns requests into use-case calls and their
 * results into responses. The groups come from the set Dagger collects ({@code HttpModule} and any
 * other module binding {@code @IntoSet RouteGroup}).
 */
public final class HttpApi {

  private final AppConfig config;
  private final ObjectMapper mapper;
  private final AuthenticateUseCase authenticate;
  private final List<RouteGroup> groups;

  @Inject
  public HttpApi(
      AppConfig config,
      ObjectMapper mapper,
      AuthenticateUseCase authenticate,
      Set<RouteGroup> groups) {
    this.config = requireNonNull(config, "config is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.authenticate = requireNonNull(authenticate, "authenticate is null");
    // A fixed order, so that start-up and route listings do not vary between runs.
    this.groups =
        requireNonNull(groups, "groups is null").stream()
            .sorted(Comparator.comparing(group -> group.getClass().getName()))
            .toList();
  }

  /** The OpenAPI document of every registered group's routes ({@link OpenApiDocument}). */
  public ObjectNode openApi() {
    List<Class<?>> classes = groups.stream().<Class<?>>map(Object::getClass).toList();
    return OpenApiDocument.assemble(mapper, classes);
  }

  /** A server configured on the settings' host and port, not yet started. */
  public Javalin create() {
    Problems problems = new Problems(mapper);
    byte[] openApi;
    try {
      openApi = mapper.writeValueAsBytes(openApi());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the OpenAPI document", e);
    }
    return Javalin.create(
        c -> {
          c.jetty.host = config.host();
          c.jetty.port = config.port();
          c.startup.showJavalinBanner = false;
          c.http.maxRequestSize = config.maxRequestBytes();
          c.router.ignoreTrailingSlashes = true;
          c.jsonMapper(new JavalinJackson(mapper, false));
          c.routes.exception(PortException.class, problems::portFailure);
          c.routes.exception(HttpResponseException.class, problems::httpFailure);
          c.routes.exception(Exception.class, problems::unexpected);
          ApiRoutes routes = new ApiRoutes(c, authenticate, mapper);
          groups.forEach(group -> group.register(routes));
          routes.publicGet(
              "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        });
  }
}
