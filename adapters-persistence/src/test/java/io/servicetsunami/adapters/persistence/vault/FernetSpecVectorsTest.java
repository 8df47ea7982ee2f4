package io.servicetsunami.adapters.persistence.vault;

import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.assertUnreadable;
import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.clockAt;
import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.decode;
import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.encode;
import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.fixedIv;
import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.resign;
import static io.servicetsunami.adapters.persistence.vault.VaultFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Fernet spec's vectors (fernet/spec generate.json and verify.json) and its invalid cases
 * (invalid.json), rebuilt here: that repository's files are not vendored.
 */
class FernetSpecVectorsTest {

  static final String SECRET = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
  static final String TOKEN =
      "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";
  static final String MESSAGE = "hello";
  static final Instant NOW = OffsetDateTime.parse("1985-10-26T01:20:00-07:00").toInstant();
  static final byte[] IV = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

  private static final List<FernetKey> KEYS = List.of(FernetKey.parse(SECRET));

  @Test
  void generatesTheSpecTokenByteForByte() {
    String token =
        FernetToken.seal(
            FernetKey.parse(SECRET),
            MESSAGE.getBytes(StandardCharsets.UTF_8),
            NOW.getEpochSecond(),
            IV);

    assertThat(token).isEqualTo(TOKEN);
  }

  @Test
  void verifiesTheSpecToken() {
    FernetToken.Opened opened = FernetToken.open(KEYS, TOKEN);

    assertThat(new String(opened.plaintext(), StandardCharsets.UTF_8)).isEqualTo(MESSAGE);
    assertThat(opened.timestamp()).isEqualTo(499162800L);
    assertThat(opened.keyIndex()).isZero();
  }

  @Test
  void theSpecTokenIsALegacyCredentialForAnyTenant() {
    FernetCredentialCipher cipher = VaultFixtures.cipher(SECRET);

    assertThat(cipher.decrypt(Fixtures.tenantId(), token(TOKEN))).isEqualTo(Secret.of(MESSAGE));
  }

  @Test
  void cipherWritesTheSpecHeaderWithInjectedClockAndIv() {
    TenantId tenant = Fixtures.tenantId();
    FernetCredentialCipher cipher =
        new FernetCredentialCipher(List.of(SECRET), fixedIv(IV), clockAt(NOW));

    EncryptedSecret written = cipher.encrypt(tenant, Secret.of(MESSAGE));

    // Version, timestamp and IV are the spec token's; the body is the envelope, not bare "hello".
    assertThat(Arrays.copyOf(decode(written.token()), 25))
        .isEqualTo(Arrays.copyOf(decode(TOKEN), 25));
    assertThat(written.token())
        .isEqualTo(
            FernetToken.seal(
                FernetKey.parse(SECRET),
                CredentialEnvelope.seal(tenant, Secret.of(MESSAGE)),
                NOW.getEpochSecond(),
                IV));
    assertThat(cipher.decrypt(tenant, written)).isEqualTo(Secret.of(MESSAGE));
  }

  // invalid.json: "incorrect mac"
  @Test
  void rejectsAnIncorrectMac() {
    byte[] data = decode(TOKEN);
    data[data.length - 1] ^= 1;

    assertUnreadable(() -> FernetToken.open(KEYS, encode(data)), SECRET, MESSAGE);
  }

  // Changes that would still decrypt and unpad cleanly: only the MAC can catch them.
  @ParameterizedTest
  @ValueSource(ints = {1, 8, 9, 13})
  void rejectsATamperedTimestampOrIv(int offset) {
    byte[] data = decode(TOKEN);
    data[offset] ^= 1; // in the IV (9..24) this flips one letter of "hello", padding intact

    assertUnreadable(() -> FernetToken.open(KEYS, encode(data)), SECRET, MESSAGE);
  }

  @Test
  void rejectsAFlippedCiphertextBit() {
    byte[] data = decode(TOKEN);
    data[30] ^= 0x40;

    assertUnreadable(() -> FernetToken.open(KEYS, encode(data)), SECRET, MESSAGE);
  }

  // invalid.json: "too short"
  @ParameterizedTest
  @ValueSource(ints = {1, 9, 25, 41, 72})
  void rejectsATooShortToken(int length) {
    byte[] data = Arrays.copyOf(decode(TOKEN), length);

    assertThat(assertUnreadable(() -> FernetToken.open(KEYS, encode(data))).getMessage())
        .contains("truncated");
  }

  @Test
  void rejectsATokenCutAtTheEnd() {
    byte[] data = decode(TOKEN);

    assertUnreadable(() -> FernetToken.open(KEYS, encode(Arrays.copyOf(data, data.length - 1))));
    assertUnreadable(() -> FernetToken.open(KEYS, encode(Arrays.copyOf(data, data.length - 16))));
    assertUnreadable(() -> FernetToken.open(KEYS, TOKEN.substring(0, TOKEN.length() - 4)));
  }

  @Test
  void rejectsAWrongVersionEvenWithAValidMac() {
    byte[] data = decode(TOKEN);
    data[0] = (byte) 0x81;

    assertThat(
            assertUnreadable(() -> FernetToken.open(KEYS, encode(resign(SECRET, data))))
                .getMessage())
        .contains("version");
  }

  // invalid.json: "invalid base64"
  @ParameterizedTest
  @ValueSource(
      strings = {
        "%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%",
        "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA",
        "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqD===",
        "gAAAAAAdwJ6wAAECAwQFBgcI*QoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==",
        "gAAAAAAdwJ6wAAECAwQFBgcI CQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==",
        "not a token at all"
      })
  void rejectsInvalidBase64(String token) {
    assertUnreadable(() -> FernetToken.open(KEYS, token));
  }

  @Test
  void readsTheStandardAlphabetAndSurroundingWhitespaceAsPythonDoes() {
    String standard = TOKEN.replace('-', '+').replace('_', '/');

    assertThat(FernetToken.open(KEYS, standard).plaintext()).asString().isEqualTo(MESSAGE);
    assertThat(FernetToken.open(KEYS, TOKEN + "\n").plaintext()).asString().isEqualTo(MESSAGE);
  }

  // invalid.json: "payload size not multiple of block size"
  @Test
  void rejectsAPayloadThatIsNotWholeBlocks() {
    byte[] data = decode(TOKEN);
    byte[] longer = new byte[data.length + 1];
    System.arraycopy(data, 0, longer, 0, 25 + 16);
    System.arraycopy(data, 25 + 16, longer, 25 + 16 + 1, data.length - 25 - 16);

    assertUnreadable(() -> FernetToken.open(KEYS, encode(resign(SECRET, longer))));
  }

  // invalid.json: "payload padding error"
  @ParameterizedTest
  @ValueSource(ints = {0, 17, 255})
  void rejectsAPayloadPaddingError(int lastByte) throws Exception {
    byte[] block = "fifteen bytes!!".getBytes(StandardCharsets.US_ASCII);
    byte[] plain = Arrays.copyOf(block, 16);
    plain[15] = (byte) lastByte;
    byte[] raw = decode(SECRET);
    Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(raw, 16, 16, "AES"), new IvParameterSpec(IV));
    byte[] ciphertext = aes.doFinal(plain);
    byte[] data = new byte[25 + 16 + 32];
    System.arraycopy(decode(TOKEN), 0, data, 0, 25);
    System.arraycopy(ciphertext, 0, data, 25, 16);

    assertThat(
            assertUnreadable(() -> FernetToken.open(KEYS, encode(resign(SECRET, data))))
                .getMessage())
        .contains("padding");
  }

  @Test
  void rejectsInconsistentPaddingBytes() throws Exception {
    byte[] plain = new byte[16];
    Arrays.fill(plain, (byte) 3);
    plain[14] = 2; // claims three bytes of padding, the second of which is wrong
    byte[] raw = decode(SECRET);
    Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(raw, 16, 16, "AES"), new IvParameterSpec(IV));
    byte[] data = new byte[25 + 16 + 32];
    System.arraycopy(decode(TOKEN), 0, data, 0, 25);
    System.arraycopy(aes.doFinal(plain), 0, data, 25, 16);

    assertUnreadable(() -> FernetToken.open(KEYS, encode(resign(SECRET, data))));
  }

  // invalid.json: "incorrect IV (causes padding error)"
  @Test
  void rejectsAnIncorrectIvThatBreaksThePadding() {
    byte[] data = decode(TOKEN);
    data[1 + 8 + 15] ^= 0x20; // the IV's last byte XORs into the last padding byte

    assertThat(
            assertUnreadable(() -> FernetToken.open(KEYS, encode(resign(SECRET, data))))
                .getMessage())
        .contains("padding");
  }

  @Test
  void rejectsTheRightTokenUnderTheWrongKey() {
    List<FernetKey> other = List.of(FernetKey.parse(VaultFixtures.KEY_OLD));

    assertThat(assertUnreadable(() -> FernetToken.open(other, TOKEN), SECRET).getMessage())
        .contains("none of the 1 configured key");
  }

  // invalid.json: "far-future TS" and "expired TTL" are refused only when a TTL is asked for;
  // stored credentials are read without one, as Python's decrypt(token) without ttl does.
  @ParameterizedTest
  @ValueSource(longs = {0L, 1L, 499162800L, 4102444800L, Long.MAX_VALUE, -1L})
  void checksNoTimestamp(long timestamp) {
    String token =
        FernetToken.seal(
            FernetKey.parse(SECRET), MESSAGE.getBytes(StandardCharsets.UTF_8), timestamp, IV);

    FernetToken.Opened opened = FernetToken.open(KEYS, token);

    assertThat(opened.plaintext()).asString().isEqualTo(MESSAGE);
    assertThat(opened.timestamp()).isEqualTo(timestamp);
  }
}
