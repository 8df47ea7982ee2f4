package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.out.AccessTokens;
import io.servicetsunami.ports.out.Clock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link AccessTokens} for tests: opaque random tokens remembered in memory, each valid for {@code
 * ttl} on the given clock. A token this instance did not issue, or one past its expiry, is refused
 * as the port says ({@code unauthenticated}).
 */
public final class FakeAccessTokens implements AccessTokens {

  /** The token lifetime of {@link #FakeAccessTokens(Clock)}. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);

  private record Grant(Principal principal, Instant expiresAt) {}

  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Grant> grants = new HashMap<>();

  public FakeAccessTokens(Clock clock) {
    this(clock, DEFAULT_TTL);
  }

  public FakeAccessTokens(Clock clock, Duration ttl) {
    this.clock = requireNonNull(clock, "clock is null");
    this.ttl = requireNonNull(ttl, "ttl is null");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
  }

  @Override
  public synchronized IssuedToken issue(Principal principal) {
    requireNonNull(principal, "principal is null");
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "fake-at." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    grants.put(token, new Grant(principal, clock.now().plus(ttl)));
    return new IssuedToken(token, ttl);
  }

  @Override
  public synchronized Principal verify(String accessToken) {
    Grant grant = accessToken == null ? null : grants.get(accessToken);
    if (grant == null) {
      throw new ForbiddenException(ErrorCode.UNAUTHENTICATED, "invalid access token");
    }
    if (!clock.now().isBefore(grant.expiresAt())) {
      throw new ForbiddenException(ErrorCode.UNAUTHENTICATED, "access token expired");
    }
    return grant.principal();
  }

  /** Forgets a token, so it no longer verifies. */
  public synchronized void revoke(String accessToken) {
    grants.remove(accessToken);
  }
}
