package io.servicetsunami.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.in.LoginUseCase.AccessGrant;
import io.servicetsunami.ports.in.LoginUseCase.LoginCommand;
import io.servicetsunami.ports.in.RegisterTenantUseCase.RegisterCommand;
import io.servicetsunami.ports.in.RegisterTenantUseCase.Registration;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.testing.FakeAccessTokens;
import io.servicetsunami.ports.testing.FakePasswordHasher;
import io.servicetsunami.ports.testing.InMemoryTenantRepository;
import io.servicetsunami.ports.testing.InMemoryUserRepository;
import io.servicetsunami.ports.testing.MutableClock;
import io.servicetsunami.ports.testing.SequentialIdGenerator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthServiceTest {

  private final MutableClock clock = new MutableClock();
  private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
  private final InMemoryUserRepository users = new InMemoryUserRepository();
  private final AuthService auth =
      new AuthService(
          tenants,
          users,
          new FakePasswordHasher(),
          new FakeAccessTokens(clock),
          LoginRateLimiter.defaults(clock),
          "claude-sonnet-4-5",
          clock,
          new SequentialIdGenerator());

  @Test
  void registeringCreatesATenantWithItsFirstUser() {
    Registration registration = register("Ada@Example.com");

    assertThat(registration.tenant().name()).isEqualTo("Analytical Engines");
    assertThat(registration.tenant().defaultLlmModel()).isEqualTo("claude-sonnet-4-5");
    assertThat(registration.user().tenantId()).isEqualTo(registration.tenant().id());
    assertThat(registration.user().email()).isEqualTo("ada@example.com");
    assertThat(registration.user().passwordHash()).doesNotContain("correct horse");
  }

  @Test
  void signInGivesABearerTokenForTheUsersTenant() {
    Registration registration = register("ada@example.com");

    AccessGrant grant = login("ADA@example.com", "correct horse", "10.0.0.1");

    assertThat(grant.tokenType()).isEqualTo("bearer");
    assertThat(grant.expiresIn()).isPositive();
    Principal principal = auth.authenticate(grant.accessToken());
    assertThat(principal.tenantId()).isEqualTo(registration.tenant().id());
    assertThat(auth.me(principal).user().id()).isEqualTo(registration.user().id());
  }

  @Test
  void aWrongPasswordAndAnUnknownAddressFailAlike() {
    register("ada@example.com");

    assertThatThrownBy(() -> login("ada@example.com", "wrong password", "10.0.0.1"))
        .isInstanceOfSatisfying(
            ForbiddenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS))
        .hasMessage("incorrect e-mail or password");
    assertThatThrownBy(() -> login("nobody@example.com", "correct horse", "10.0.0.1"))
        .isInstanceOfSatisfying(
            ForbiddenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS))
        .hasMessage("incorrect e-mail or password");
  }

  @Test
  void fiveFailuresLockTheAddressForAQuarterOfAnHour() {
    register("ada@example.com");
    for (int i = 0; i < 5; i++) {
      String client = "10.0.0." + i;
      assertThatThrownBy(() -> login("ada@example.com", "guess", client))
          .isInstanceOf(ForbiddenException.class);
    }

    assertThatThrownBy(() -> login("ada@example.com", "correct horse", "10.0.0.99"))
        .isInstanceOfSatisfying(
            ForbiddenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));

    clock.advance(Duration.ofMinutes(15));
    assertThat(login("ada@example.com", "correct horse", "10.0.0.99").accessToken()).isNotBlank();
  }

  @Test
  void fiveFailuresFromOneClientLockThatClientForEveryAddress() {
    register("ada@example.com");
    for (int i = 0; i < 5; i++) {
      String email = "guess" + i + "@example.com";
      assertThatThrownBy(() -> login(email, "guess", "10.0.0.7"))
          .isInstanceOf(ForbiddenException.class);
    }

    assertThatThrownBy(() -> login("ada@example.com", "correct horse", "10.0.0.7"))
        .isInstanceOfSatisfying(
            ForbiddenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    assertThat(login("ada@example.com", "correct horse", "10.0.0.8").accessToken()).isNotBlank();
  }

  @Test
  void refusesATakenAddressAndBadInputWithoutCreatingATenant() {
    register("ada@example.com");

    assertThatThrownBy(() -> register("ADA@example.com")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(
            () ->
                auth.register(
                    new RegisterCommand("not-an-address", Secret.of("correct horse"), "A", "T")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () -> auth.register(new RegisterCommand("b@example.com", Secret.of("short"), "B", "T")))
        .isInstanceOf(InvalidInputException.class);
    assertThat(users.all()).hasSize(1);
  }

  @Test
  void refusesMissingAndForgedTokens() {
    assertThatThrownBy(() -> auth.authenticate(""))
        .isInstanceOfSatisfying(
            ForbiddenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    assertThatThrownBy(() -> auth.authenticate("forged"))
        .isInstanceOfSatisfying(
            ForbiddenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
  }

  private Registration register(String email) {
    return auth.register(
        new RegisterCommand(
            email, Secret.of("correct horse"), "Ada Lovelace", "Analytical Engines"));
  }

  private AccessGrant login(String email, String password, String client) {
    return auth.login(new LoginCommand(email, Secret.of(password), client));
  }
}
