package io.servicetsunami.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacJwtAccessTokensTest {

  private static final String KEY = "k".repeat(32);
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final HmacJwtAccessTokens tokens =
      new HmacJwtAccessTokens(KEY, Duration.ofMinutes(30), now::get);
  private final Principal principal =
      new Principal(new UserId(UUID.randomUUID()), new TenantId(UUID.randomUUID()), "a@b.io");

  @Test
  void anIssuedTokenVerifiesToItsPrincipalUntilItExpires() {
    String token = tokens.issue(principal).accessToken();
    assertThat(tokens.verify(token)).isEqualTo(principal);
    now.set(now.get().plus(Duration.ofMinutes(30)));
    assertRejected(token);
  }

  @Test
  void forgedTokensAreRejected() {
    String token = tokens.issue(principal).accessToken();
    String[] parts = token.split("\\.");
    long exp = now.get().getEpochSecond() + 600;
    String claims =
        "{\"sub\":\""
            + principal.userId()
            + "\",\"tenant_id\":\""
            + principal.tenantId()
            + "\",\"email\":\"a@b.io\",\"exp\":"
            + exp
            + "}";

    assertRejected(parts[0] + "." + parts[1] + ".");
    assertRejected(signed("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims, KEY, "HmacSHA256"));
    assertRejected(signed("{\"alg\":\"HS384\",\"typ\":\"JWT\"}", claims, KEY, "HmacSHA384"));
    assertRejected(
        signed("{\"alg\":\"HS256\",\"crit\":[\"b64\"],\"b64\":false}", claims, KEY, "HmacSHA256"));
    assertRejected(signed("{\"alg\":\"HS256\"}", claims, "w".repeat(32), "HmacSHA256"));
    assertRejected(
        signed("{\"alg\":\"HS256\"}", claims.replace(",\"exp\":" + exp, ""), KEY, "HmacSHA256"));
    assertRejected(token + "x");
    assertRejected("a.b");
    assertThat(tokens.verify(signed("{\"alg\":\"HS256\"}", claims, KEY, "HmacSHA256")))
        .isEqualTo(principal);
  }

  @Test
  void aShortKeyIsRefused() {
    assertThatThrownBy(() -> new HmacJwtAccessTokens("short", Duration.ofMinutes(1), now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void assertRejected(String token) {
    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOfSatisfying(
            ForbiddenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
  }

  private static String signed(String header, String claims, String key, String algorithm) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String input =
        b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return input
          + "."
          + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
