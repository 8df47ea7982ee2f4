package io.servicetsunami.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.in.GetCurrentUserUseCase;
import io.servicetsunami.ports.in.GetCurrentUserUseCase.CurrentUser;
import io.servicetsunami.ports.in.LoginUseCase;
import io.servicetsunami.ports.in.LoginUseCase.AccessGrant;
import io.servicetsunami.ports.in.LoginUseCase.LoginCommand;
import io.servicetsunami.ports.in.RegisterTenantUseCase;
import io.servicetsunami.ports.in.RegisterTenantUseCase.RegisterCommand;
import io.servicetsunami.ports.in.RegisterTenantUseCase.Registration;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.User;
import jakarta.inject.Inject;
import java.time.Instant;

/** Sign-up, sign-in (JSON or an OAuth2 password-flow form) and who-am-I. */
public final class AuthRoutes implements RouteGroup {

  record RegisterRequest(String email, String password, String fullName, String tenantName) {}

  record LoginRequest(String email, String username, String password) {}

  record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

  record TenantResponse(String id, String name, String defaultLlmModel, Instant createdAt) {
    static TenantResponse of(Tenant tenant) {
      return new TenantResponse(
          tenant.id().toString(), tenant.name(), tenant.defaultLlmModel(), tenant.createdAt());
    }
  }

  record UserResponse(
      String id,
      String email,
      String fullName,
      boolean isActive,
      String tenantId,
      Instant createdAt,
      TenantResponse tenant) {
    static UserResponse of(User user, Tenant tenant) {
      return new UserResponse(
          user.id().toString(),
          user.email(),
          user.fullName(),
          user.active(),
          user.tenantId().toString(),
          user.createdAt(),
          TenantResponse.of(tenant));
    }
  }

  private final ObjectMapper mapper;
  private final RegisterTenantUseCase register;
  private final LoginUseCase login;
  private final GetCurrentUserUseCase currentUser;

  @Inject
  public AuthRoutes(
      ObjectMapper mapper,
      RegisterTenantUseCase register,
      LoginUseCase login,
      GetCurrentUserUseCase currentUser) {
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.register = requireNonNull(register, "register is null");
    this.login = requireNonNull(login, "login is null");
    this.currentUser = requireNonNull(currentUser, "currentUser is null");
  }

  @Override
  public void register(ApiRoutes routes) {
    routes.publicPost(ApiRoutes.API + "/auth/register", this::register);
    routes.publicPost(ApiRoutes.API + "/auth/login", this::login);
    routes.get(ApiRoutes.API + "/auth/me", this::me);
  }

  void register(Context ctx) {
    RegisterRequest request = Json.body(mapper, ctx, RegisterRequest.class);
    Registration registration =
        register.register(
            new RegisterCommand(
                required(request.email(), "email"),
                Secret.of(required(request.password(), "password")),
                request.fullName() == null ? "" : request.fullName(),
                required(request.tenantName(), "tenant_name")));
    ctx.status(201).json(UserResponse.of(registration.user(), registration.tenant()));
  }

  void login(Context ctx) {
    String email;
    String password;
    String contentType = ctx.contentType() == null ? "" : ctx.contentType();
    if (contentType.startsWith("application/x-www-form-urlencoded")
        || contentType.startsWith("multipart/form-data")) {
      email = ctx.formParam("username");
      password = ctx.formParam("password");
    } else {
      LoginRequest request = Json.body(mapper, ctx, LoginRequest.class);
      email = request.email() != null ? request.email() : request.username();
      password = request.password();
    }
    AccessGrant grant =
        login.login(
            new LoginCommand(
                required(email, "username"), Secret.of(required(password, "password")), ctx.ip()));
    ctx.header("Cache-Control", "no-store")
        .json(
            new TokenResponse(
                grant.accessToken(), grant.tokenType(), grant.expiresIn().toSeconds()));
  }

  void me(Context ctx, Principal principal) {
    CurrentUser me = currentUser.me(principal);
    ctx.json(UserResponse.of(me.user(), me.tenant()));
  }

  static String required(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw new InvalidInputException(ErrorCode.INVALID_INPUT, "missing field: " + field);
    }
    return value;
  }
}
