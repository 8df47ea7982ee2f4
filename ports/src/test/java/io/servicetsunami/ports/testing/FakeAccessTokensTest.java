package io.servicetsunami.ports.testing;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.out.AccessTokens.IssuedToken;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeAccessTokensTest {

  private final MutableClock clock = new MutableClock();
  private final FakeAccessTokens tokens = new FakeAccessTokens(clock, Duration.ofMinutes(30));
  private final Principal principal = Fixtures.principal(Fixtures.tenantId());

  @Test
  void issuedTokenVerifiesToItsPrincipal() {
    IssuedToken issued = tokens.issue(principal);

    assertThat(issued.expiresIn()).isEqualTo(Duration.ofMinutes(30));
    assertThat(tokens.verify(issued.accessToken())).isEqualTo(principal);
  }

  @Test
  void tokensAreOpaqueAndUnique() {
    IssuedToken first = tokens.issue(principal);
    IssuedToken second = tokens.issue(principal);

    assertThat(first.accessToken()).isNotEqualTo(second.accessToken());
    assertThat(first.accessToken())
        .doesNotContain(principal.email())
        .doesNotContain(principal.userId().toString());
  }

  @Test
  void expiredTokenIsUnauthenticated() {
    IssuedToken issued = tokens.issue(principal);
    clock.advance(Duration.ofMinutes(29));
    assertThat(tokens.verify(issued.accessToken())).isEqualTo(principal);

    clock.advance(Duration.ofMinutes(1));

    assertPortError(
        ForbiddenException.class,
        ErrorCode.UNAUTHENTICATED,
        () -> tokens.verify(issued.accessToken()));
  }

  @Test
  void unknownForgedOrRevokedTokenIsUnauthenticated() {
    IssuedToken issued = tokens.issue(principal);
    tokens.revoke(issued.accessToken());

    for (String bad : new String[] {issued.accessToken(), "fake-at.forged", "", null}) {
      assertPortError(
          ForbiddenException.class, ErrorCode.UNAUTHENTICATED, () -> tokens.verify(bad));
    }
  }

  @Test
  void tokenOfAnotherInstanceIsUnknown() {
    IssuedToken issued = new FakeAccessTokens(clock).issue(principal);

    assertPortError(
        ForbiddenException.class,
        ErrorCode.UNAUTHENTICATED,
        () -> tokens.verify(issued.accessToken()));
  }
}
