package io.servicetsunami.core.auth;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.AuthenticateUseCase;
import io.servicetsunami.ports.in.GetCurrentUserUseCase;
import io.servicetsunami.ports.in.LoginUseCase;
import io.servicetsunami.ports.in.RegisterTenantUseCase;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.Tenant;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.User;
import io.servicetsunami.ports.model.UserId;
import io.servicetsunami.ports.out.AccessTokens;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.PasswordHasher;
import io.servicetsunami.ports.out.TenantRepository;
import io.servicetsunami.ports.out.UserRepository;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sign-up, sign-in and who-am-I. The tenant a caller acts for comes from its token only, never from
 * a request's input.
 */
public final class AuthService
    implements RegisterTenantUseCase, LoginUseCase, AuthenticateUseCase, GetCurrentUserUseCase {

  static final int MIN_PASSWORD_LENGTH = 8;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /**
   * Hashed once at start-up; an unknown address is checked against it so that sign-in takes as long
   * as for a known one and does not reveal which addresses exist.
   */
  private final String decoyHash;

  private final TenantRepository tenants;
  private final UserRepository users;
  private final PasswordHasher hasher;
  private final AccessTokens tokens;
  private final LoginRateLimiter limiter;
  private final String defaultLlmModel;
  private final Clock clock;
  private final IdGenerator ids;

  public AuthService(
      TenantRepository tenants,
      UserRepository users,
      PasswordHasher hasher,
      AccessTokens tokens,
      LoginRateLimiter limiter,
      String defaultLlmModel,
      Clock clock,
      IdGenerator ids) {
    this.tenants = requireNonNull(tenants, "tenants is null");
    this.users = requireNonNull(users, "users is null");
    this.hasher = requireNonNull(hasher, "hasher is null");
    this.tokens = requireNonNull(tokens, "tokens is null");
    this.limiter = requireNonNull(limiter, "limiter is null");
    this.defaultLlmModel = requireNonNull(defaultLlmModel, "defaultLlmModel is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.ids = requireNonNull(ids, "ids is null");
    this.decoyHash = hasher.hash(Secret.of("decoy password for unknown addresses"));
  }

  @Override
  public Registration register(RegisterCommand command) {
    String email = normalizeEmail(command.email());
    if (!EMAIL.matcher(email).matches()) {
      throw new InvalidInputException(ErrorCode.INVALID_INPUT, "not an e-mail address: " + email);
    }
    if (command.password().reveal().length() < MIN_PASSWORD_LENGTH) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT,
          "the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (command.tenantName().isBlank()) {
      throw new InvalidInputException(ErrorCode.INVALID_INPUT, "tenant_name is blank");
    }
    if (users.findByEmail(email).isPresent()) {
      throw new ConflictException(
          ErrorCode.ALREADY_EXISTS, "the e-mail address is already registered");
    }
    Instant now = clock.now();
    Tenant tenant =
        tenants.create(
            new Tenant(
                new TenantId(ids.newId()), command.tenantName().strip(), defaultLlmModel, now));
    User user =
        users.create(
            new User(
                new UserId(ids.newId()),
                tenant.id(),
                email,
                command.fullName().strip(),
                hasher.hash(command.password()),
                true,
                now));
    return new Registration(tenant, user);
  }

  @Override
  public AccessGrant login(LoginCommand command) {
    String email = normalizeEmail(command.email());
    String clientKey = "client:" + command.clientKey();
    String emailKey = "email:" + email;
    if (!limiter.allows(clientKey) || !limiter.allows(emailKey)) {
      throw new ForbiddenException(
          ErrorCode.RATE_LIMITED, "too many failed sign-in attempts; try again later");
    }
    Optional<User> user = users.findByEmail(email).filter(User::active);
    boolean matches =
        hasher.matches(command.password(), user.map(User::passwordHash).orElse(decoyHash));
    if (user.isEmpty() || !matches) {
      limiter.recordFailure(clientKey);
      limiter.recordFailure(emailKey);
      throw new ForbiddenException(ErrorCode.INVALID_CREDENTIALS, "incorrect e-mail or password");
    }
    limiter.recordSuccess(clientKey);
    limiter.recordSuccess(emailKey);
    AccessTokens.IssuedToken token =
        tokens.issue(new Principal(user.get().id(), user.get().tenantId(), user.get().email()));
    return new AccessGrant(token.accessToken(), "bearer", token.expiresIn());
  }

  @Override
  public Principal authenticate(String bearerToken) {
    if (bearerToken == null || bearerToken.isBlank()) {
      throw new ForbiddenException(ErrorCode.UNAUTHENTICATED, "a bearer token is required");
    }
    Principal principal = tokens.verify(bearerToken);
    boolean active =
        users.find(principal.tenantId(), principal.userId()).map(User::active).orElse(false);
    if (!active) {
      throw new ForbiddenException(ErrorCode.UNAUTHENTICATED, "the token's user no longer exists");
    }
    return principal;
  }

  @Override
  public CurrentUser me(Principal principal) {
    User user =
        users
            .find(principal.tenantId(), principal.userId())
            .orElseThrow(() -> new NotFoundException(ErrorCode.USER_NOT_FOUND, "user not found"));
    Tenant tenant =
        tenants
            .find(principal.tenantId())
            .orElseThrow(
                () -> new NotFoundException(ErrorCode.TENANT_NOT_FOUND, "tenant not found"));
    return new CurrentUser(user, tenant);
  }

  private static String normalizeEmail(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }
}
