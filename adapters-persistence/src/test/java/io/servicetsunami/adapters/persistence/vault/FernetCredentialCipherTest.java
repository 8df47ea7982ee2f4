package io.servicetsunami.adapters.persistence.vault;

import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.KEY_NEW;
import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.KEY_OLD;
import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.NOW;
import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.assertUnreadable;
import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.cipher;
import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.clockAt;
import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.decode;
import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.adapters.persistence.vault.FernetCredentialCipher.LegacyTokens;
import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FernetCredentialCipherTest {

  private static final Secret SECRET = Secret.of("sk-live-Zq81\u00e9\u6771\ud83d\udd11-token");

  private final TenantId tenant = Fixtures.tenantId();

  /** A token as the original Python system wrote it: the bare secret, no envelope. */
  private static EncryptedSecret legacyToken(String key, String secret) {
    return token(
        FernetToken.seal(
            FernetKey.parse(key),
            secret.getBytes(StandardCharsets.UTF_8),
            NOW.getEpochSecond(),
            new byte[16]));
  }

  private static EncryptedSecret rawToken(String key, byte[] plaintext) {
    return token(FernetToken.seal(FernetKey.parse(key), plaintext, 1L, new byte[16]));
  }

  // --- round trip and format ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x",
        "exactly-16-bytes",
        "p\u00e4ssw\u00f6rd-\u00df-\u20ac",
        "\ud83d\udd11",
        "{\"json\": true}",
        "\u00ff-starts-with-y-umlaut"
      })
  void decryptReturnsWhatWasEncrypted(String value) {
    FernetCredentialCipher cipher = cipher(KEY_NEW);

    EncryptedSecret token = cipher.encrypt(tenant, Secret.of(value));

    assertThat(cipher.decrypt(tenant, token)).isEqualTo(Secret.of(value));
  }

  @Test
  void writesAPaddedFernetTokenWithTheClocksTimestamp() {
    Instant at = Instant.parse("2031-07-04T10:15:30Z");
    FernetCredentialCipher cipher =
        new FernetCredentialCipher(List.of(KEY_NEW), new SecureRandom(), clockAt(at));

    String token = cipher.encrypt(tenant, SECRET).token();

    assertThat(token).startsWith("gAAAAA").matches("[A-Za-z0-9_-]+=*").hasSize(token.length());
    assertThat(token.length() % 4).isZero();
    byte[] data = decode(token);
    assertThat(data[0]).isEqualTo((byte) 0x80);
    assertThat(ByteBuffer.wrap(data, 1, 8).getLong()).isEqualTo(at.getEpochSecond());
    assertThat((data.length - 57) % 16).isZero();
  }

  @Test
  void encryptsTheTenantEnvelope() {
    UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    TenantId owner = new TenantId(id);
    FernetCredentialCipher cipher = cipher(KEY_NEW);

    FernetToken.Opened opened =
        FernetToken.open(
            List.of(FernetKey.parse(KEY_NEW)), cipher.encrypt(owner, Secret.of("abc")).token());

    assertThat(HexFormat.of().formatHex(opened.plaintext()))
        .isEqualTo("ff01" + "123e4567e89b12d3a456426614174000" + "616263");
  }

  @Test
  void everyEncryptionUsesAFreshIv() {
    FernetCredentialCipher cipher = cipher(KEY_NEW);

    EncryptedSecret first = cipher.encrypt(tenant, SECRET);
    EncryptedSecret second = cipher.encrypt(tenant, SECRET);

    assertThat(first).isNotEqualTo(second);
    assertThat(Arrays.copyOfRange(decode(first.token()), 9, 25))
        .isNotEqualTo(Arrays.copyOfRange(decode(second.token()), 9, 25));
  }

  @Test
  void ciphertextNeverContainsThePlaintextInAnyEncoding() {
    String value = "AKIAIOSFODNN7EXAMPLE-wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    FernetCredentialCipher cipher = cipher(KEY_NEW);
    List<String> forms = new ArrayList<>(List.of(value, value.toLowerCase()));
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (int shift = 0; shift < 3; shift++) {
      // base64 of the secret at each of the three alignments it could take inside a longer text
      byte[] shifted = new byte[shift + bytes.length];
      System.arraycopy(bytes, 0, shifted, shift, bytes.length);
      for (Base64.Encoder encoder :
          List.of(Base64.getEncoder(), Base64.getUrlEncoder().withoutPadding())) {
        String encoded = encoder.encodeToString(shifted);
        forms.add(encoded.substring(4, encoded.length() - 4));
      }
    }
    forms.add(HexFormat.of().formatHex(bytes));

    for (int i = 0; i < 20; i++) {
      String token = cipher.encrypt(tenant, Secret.of(value)).token();
      assertThat(forms).allSatisfy(form -> assertThat(token).doesNotContain(form));
    }
  }

  @Test
  void isSafeToShareBetweenThreads() {
    FernetCredentialCipher cipher = cipher(KEY_NEW, KEY_OLD);

    List<Boolean> results =
        IntStream.range(0, 2_000)
            .parallel()
            .mapToObj(
                i -> {
                  Secret secret = Secret.of("secret-" + i);
                  return cipher.decrypt(tenant, cipher.encrypt(tenant, secret)).equals(secret);
                })
            .toList();

    assertThat(results).containsOnly(true);
  }

  // --- rotation ---

  @Test
  void tokenOfAnOldKeyDecryptsAfterRotation() {
    EncryptedSecret old = cipher(KEY_OLD).encrypt(tenant, SECRET);

    assertThat(cipher(KEY_NEW, KEY_OLD).decrypt(tenant, old)).isEqualTo(SECRET);
  }

  @Test
  void encryptsWithTheNewestKeyOnly() {
    EncryptedSecret token = cipher(KEY_NEW, KEY_OLD).encrypt(tenant, SECRET);

    assertThat(cipher(KEY_NEW).decrypt(tenant, token)).isEqualTo(SECRET);
    assertUnreadable(() -> cipher(KEY_OLD).decrypt(tenant, token), SECRET.reveal(), KEY_OLD);
  }

  @Test
  void reencryptMovesATokenToTheNewestKey() {
    EncryptedSecret old = cipher(KEY_OLD).encrypt(tenant, SECRET);

    EncryptedSecret rotated = cipher(KEY_NEW, KEY_OLD).reencrypt(tenant, old);

    assertThat(cipher(KEY_NEW).decrypt(tenant, rotated)).isEqualTo(SECRET);
    assertUnreadable(() -> cipher(KEY_OLD).decrypt(tenant, rotated));
  }

  @Test
  void reencryptIsARealReencryptionThatKeepsTheTimestamp() {
    Instant written = Instant.parse("2020-01-02T03:04:05Z");
    EncryptedSecret original =
        new FernetCredentialCipher(List.of(KEY_NEW), new SecureRandom(), clockAt(written))
            .encrypt(tenant, SECRET);
    FernetCredentialCipher cipher = cipher(KEY_NEW, KEY_OLD);

    EncryptedSecret again = cipher.reencrypt(tenant, original);

    assertThat(again).isNotEqualTo(original);
    assertThat(Arrays.copyOfRange(decode(again.token()), 9, 25))
        .isNotEqualTo(Arrays.copyOfRange(decode(original.token()), 9, 25));
    assertThat(ByteBuffer.wrap(decode(again.token()), 1, 8).getLong())
        .isEqualTo(written.getEpochSecond());
    assertThat(cipher.decrypt(tenant, again)).isEqualTo(SECRET);
  }

  @Test
  void reencryptRefusesATokenOfAnUnknownKey() {
    EncryptedSecret foreign =
        cipher(FernetCredentialCipher.generateKey(new SecureRandom())).encrypt(tenant, SECRET);

    assertUnreadable(() -> cipher(KEY_NEW, KEY_OLD).reencrypt(tenant, foreign), SECRET.reveal());
  }

  // --- tenant binding ---

  @Test
  void refusesATokenCopiedIntoAnotherTenantsRow() {
    FernetCredentialCipher cipher = cipher(KEY_NEW);
    TenantId other = Fixtures.tenantId();
    EncryptedSecret token = cipher.encrypt(tenant, SECRET);

    String message =
        assertUnreadable(() -> cipher.decrypt(other, token), SECRET.reveal(), KEY_NEW).getMessage();
    assertThat(message).contains("tenant").doesNotContain(tenant.toString());
    assertUnreadable(() -> cipher.reencrypt(other, token), SECRET.reveal());
  }

  // --- legacy tokens of the original system ---

  @Test
  void readsALegacyTokenForAnyTenant() {
    EncryptedSecret legacy = legacyToken(KEY_OLD, "ghp_legacy");
    FernetCredentialCipher cipher = cipher(KEY_NEW, KEY_OLD);

    assertThat(cipher.decrypt(tenant, legacy)).isEqualTo(Secret.of("ghp_legacy"));
    assertThat(cipher.decrypt(Fixtures.tenantId(), legacy)).isEqualTo(Secret.of("ghp_legacy"));
  }

  @Test
  void aLegacySecretThatIsJsonStaysALegacySecret() {
    String json = "{\"type\":\"service_account\",\"tenant_id\":\"x\"}";

    assertThat(cipher(KEY_OLD).decrypt(tenant, legacyToken(KEY_OLD, json)))
        .isEqualTo(Secret.of(json));
  }

  @Test
  void reencryptUpgradesALegacyTokenToOneBoundToItsTenant() {
    FernetCredentialCipher cipher = cipher(KEY_NEW, KEY_OLD);

    EncryptedSecret bound = cipher.reencrypt(tenant, legacyToken(KEY_OLD, "ghp_legacy"));

    assertThat(cipher.decrypt(tenant, bound)).isEqualTo(Secret.of("ghp_legacy"));
    assertUnreadable(() -> cipher.decrypt(Fixtures.tenantId(), bound), "ghp_legacy");
    FernetCredentialCipher strictNewest =
        new FernetCredentialCipher(
            List.of(KEY_NEW), new SecureRandom(), clockAt(NOW), LegacyTokens.REFUSE);
    assertThat(strictNewest.decrypt(tenant, bound)).isEqualTo(Secret.of("ghp_legacy"));
  }

  @Test
  void refusesLegacyTokensWhenToldTo() {
    FernetCredentialCipher strict =
        new FernetCredentialCipher(
            List.of(KEY_OLD), new SecureRandom(), clockAt(NOW), LegacyTokens.REFUSE);
    EncryptedSecret legacy = legacyToken(KEY_OLD, "ghp_legacy");

    assertThat(assertUnreadable(() -> strict.decrypt(tenant, legacy), "ghp_legacy").getMessage())
        .contains("not bound");
    assertUnreadable(() -> strict.reencrypt(tenant, legacy), "ghp_legacy");
    assertThat(strict.decrypt(tenant, strict.encrypt(tenant, SECRET))).isEqualTo(SECRET);
  }

  @Test
  void refusesALegacyPlaintextThatIsNotUtf8OrEmpty() {
    FernetCredentialCipher cipher = cipher(KEY_OLD);

    assertUnreadable(
        () -> cipher.decrypt(tenant, rawToken(KEY_OLD, new byte[] {'a', (byte) 0xC3})));
    assertUnreadable(
        () ->
            cipher.decrypt(
                tenant, rawToken(KEY_OLD, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
    assertUnreadable(() -> cipher.decrypt(tenant, rawToken(KEY_OLD, new byte[0])));
  }

  @Test
  void refusesAnUnknownOrTruncatedEnvelope() {
    FernetCredentialCipher cipher = cipher(KEY_OLD);
    byte[] v1 = CredentialEnvelope.seal(tenant, Secret.of("abc"));
    byte[] v2 = v1.clone();
    v2[1] = 0x02;

    assertThat(assertUnreadable(() -> cipher.decrypt(tenant, rawToken(KEY_OLD, v2))).getMessage())
        .contains("envelope version");
    assertUnreadable(() -> cipher.decrypt(tenant, rawToken(KEY_OLD, new byte[] {(byte) 0xFF})));
    assertUnreadable(() -> cipher.decrypt(tenant, rawToken(KEY_OLD, Arrays.copyOf(v1, 18))));
    assertUnreadable(() -> cipher.decrypt(tenant, rawToken(KEY_OLD, Arrays.copyOf(v1, 10))));
  }

  // --- keys ---

  @Test
  void generatesKeysInFernetsTextForm() {
    SecureRandom random = new SecureRandom();

    String key = FernetCredentialCipher.generateKey(random);

    assertThat(key).hasSize(44).endsWith("=").matches("[A-Za-z0-9_-]{43}=");
    assertThat(Base64.getUrlDecoder().decode(key)).hasSize(32);
    assertThat(FernetCredentialCipher.generateKey(random)).isNotEqualTo(key);
    assertThat(cipher(key).decrypt(tenant, cipher(key).encrypt(tenant, SECRET))).isEqualTo(SECRET);
  }

  @Test
  void readsKeysWithSurroundingWhitespaceOrTheStandardAlphabet() {
    byte[] raw = new byte[32];
    Arrays.fill(raw, (byte) 0xFB); // encodes with '+' and '/' in the standard alphabet
    String standard = Base64.getEncoder().encodeToString(raw);
    String urlSafe = Base64.getUrlEncoder().encodeToString(raw);
    assertThat(standard).contains("+", "/");
    EncryptedSecret token = cipher(urlSafe).encrypt(tenant, SECRET);

    assertThat(cipher(standard).decrypt(tenant, token)).isEqualTo(SECRET);
    assertThat(cipher("  " + urlSafe + "\n").decrypt(tenant, token)).isEqualTo(SECRET);
  }

  @Test
  void rejectsAMalformedKeyNamingItsPositionNotItsValue() {
    String notBase64 = "this-is-not*base64-and-is-secret-material!!";
    String tooShort = Base64.getUrlEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> cipher(KEY_NEW, notBase64, KEY_OLD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key 2 of 3")
        .hasMessageNotContaining(notBase64)
        .hasMessageNotContaining("secret-material");
    assertThatThrownBy(() -> cipher(KEY_NEW, KEY_OLD, tooShort))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key 3 of 3")
        .hasMessageContaining("16 bytes")
        .hasMessageNotContaining(tooShort);
    assertThatThrownBy(() -> cipher(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key 1 of 1");
  }

  @Test
  void rejectsNoKeysAndAMissingKey() {
    assertThatThrownBy(
            () -> new FernetCredentialCipher(List.of(), new SecureRandom(), clockAt(NOW)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no Fernet key");
    List<String> withNull = Arrays.asList(KEY_NEW, null);
    assertThatThrownBy(() -> new FernetCredentialCipher(withNull, new SecureRandom(), clockAt(NOW)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key 2 of 2 is missing");
  }

  @Test
  void neverPrintsItsKeys() {
    FernetCredentialCipher cipher = cipher(KEY_NEW, KEY_OLD);

    assertThat(cipher.toString()).contains("2 key").doesNotContain(KEY_NEW, KEY_OLD);
    assertThat(FernetKey.parse(KEY_NEW).toString()).doesNotContain(KEY_NEW);
  }
}
