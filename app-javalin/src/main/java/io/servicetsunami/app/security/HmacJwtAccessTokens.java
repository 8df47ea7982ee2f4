package io.servicetsunami.app.security;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.UserId;
import io.servicetsunami.ports.out.AccessTokens;
import io.servicetsunami.ports.out.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JSON Web Tokens signed with HMAC-SHA256, on the JDK alone. Verification accepts exactly the
 * tokens this class issues: header {@code alg} must be {@code HS256} (never {@code none} or another
 * HMAC with the same key), no {@code crit}, a valid signature checked in constant time before the
 * payload is read, and an {@code exp} in the future.
 */
public final class HmacJwtAccessTokens implements AccessTokens {

  private static final String ALGORITHM = "HmacSHA256";
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
  private static final int MAX_TOKEN_LENGTH = 8_192;

  private final byte[] key;
  private final Duration ttl;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final String encodedHeader;

  /**
   * @param secretKey the signing key, used as its UTF-8 bytes; at least 32 bytes
   * @param ttl how long an issued token is valid
   */
  public HmacJwtAccessTokens(String secretKey, Duration ttl, Clock clock) {
    this.key = requireNonNull(secretKey, "secretKey is null").getBytes(StandardCharsets.UTF_8);
    if (key.length < 32) {
      throw new IllegalArgumentException("the secret key must be at least 32 bytes long");
    }
    this.ttl = requireNonNull(ttl, "ttl is null");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    this.clock = requireNonNull(clock, "clock is null");
    this.encodedHeader =
        encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public IssuedToken issue(Principal principal) {
    requireNonNull(principal, "principal is null");
    long now = clock.now().getEpochSecond();
    ObjectNode claims = json.createObjectNode();
    claims.put("sub", principal.userId().toString());
    claims.put("tenant_id", principal.tenantId().toString());
    claims.put("email", principal.email());
    claims.put("iat", now);
    claims.put("exp", now + ttl.toSeconds());
    String signingInput;
    try {
      signingInput = encodedHeader + "." + encode(json.writeValueAsBytes(claims));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JWT claims", e);
    }
    return new IssuedToken(signingInput + "." + encode(sign(signingInput)), ttl);
  }

  @Override
  public Principal verify(String accessToken) {
    if (accessToken == null || accessToken.length() > MAX_TOKEN_LENGTH) {
      throw invalid();
    }
    String[] parts = accessToken.split("\\.", -1);
    if (parts.length != 3) {
      throw invalid();
    }
    for (String part : parts) {
      if (!BASE64URL.matcher(part).matches()) {
        throw invalid();
      }
    }
    JsonNode header = parse(parts[0]);
    if (!header.isObject()
        || !"HS256".equals(header.path("alg").textValue())
        || header.has("crit")
        || (header.has("typ") && !"JWT".equals(header.get("typ").textValue()))) {
      throw invalid();
    }
    byte[] expected = sign(parts[0] + "." + parts[1]);
    if (!MessageDigest.isEqual(expected, decode(parts[2]))) {
      throw invalid();
    }
    JsonNode claims = parse(parts[1]);
    JsonNode exp = claims.get("exp");
    if (!claims.isObject() || exp == null || !exp.canConvertToLong() || !exp.isIntegralNumber()) {
      throw invalid();
    }
    if (!Instant.ofEpochSecond(exp.longValue()).isAfter(clock.now())) {
      throw invalid();
    }
    try {
      return new Principal(
          UserId.parse(claims.path("sub").textValue()),
          TenantId.parse(claims.path("tenant_id").textValue()),
          claims.path("email").textValue());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalid();
    }
  }

  private byte[] sign(String signingInput) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private JsonNode parse(String part) {
    try {
      JsonNode node = json.readTree(decode(part));
      if (node == null) {
        throw invalid();
      }
      return node;
    } catch (IOException e) {
      throw invalid();
    }
  }

  private static byte[] decode(String part) {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static ForbiddenException invalid() {
    return new ForbiddenException(ErrorCode.UNAUTHENTICATED, "the token is invalid or expired");
  }

  @Override
  public String toString() {
    return "HmacJwtAccessTokens[ttl=" + ttl + "]";
  }
}
