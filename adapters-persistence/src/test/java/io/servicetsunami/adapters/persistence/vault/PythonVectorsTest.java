package io.servicetsunami.adapters.persistence.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tokens made by Python's {@code cryptography} as the original system made them (bare UTF-8
 * secrets, some by {@code MultiFernet}), from {@code fernet/vectors.json}; regenerate it with
 * {@code fernet/make_vectors.py}.
 */
class PythonVectorsTest {

  record Vector(String how, List<String> keys, String plaintext, String token, long timestamp) {
    @Override
    public String toString() {
      return how + " / " + plaintext.length() + " chars";
    }
  }

  static List<Vector> vectors() throws IOException {
    try (InputStream in = PythonVectorsTest.class.getResourceAsStream("/fernet/vectors.json")) {
      assertThat(in).as("fernet/vectors.json on the test class path").isNotNull();
      @SuppressWarnings("unchecked")
      Map<String, Object> file =
          (Map<String, Object>)
              VectorJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> vectors = (List<Map<String, Object>>) file.get("vectors");
      return vectors.stream()
          .map(
              v ->
                  new Vector(
                      (String) v.get("how"),
                      ((List<?>) v.get("keys")).stream().map(String.class::cast).toList(),
                      (String) v.get("plaintext"),
                      (String) v.get("token"),
                      (Long) v.get("timestamp")))
          .toList();
    }
  }

  @Test
  void theVectorsCoverRotationNonAsciiAndOldTimestamps() throws IOException {
    List<Vector> vectors = vectors();

    assertThat(vectors).hasSizeGreaterThanOrEqualTo(50);
    assertThat(vectors).anyMatch(v -> v.how().contains("rotate"));
    assertThat(vectors).anyMatch(v -> v.keys().size() == 3);
    assertThat(vectors).anyMatch(v -> v.plaintext().codePoints().anyMatch(c -> c > 0xFFFF));
    assertThat(vectors).anyMatch(v -> v.timestamp() == 0);
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void decryptsAPythonTokenForAnyTenant(Vector vector) {
    FernetCredentialCipher cipher = VaultFixtures.cipher(vector.keys().toArray(String[]::new));

    for (TenantId tenant : List.of(Fixtures.tenantId(), Fixtures.tenantId())) {
      assertThat(cipher.decrypt(tenant, new EncryptedSecret(vector.token())).reveal())
          .isEqualTo(vector.plaintext());
    }
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void opensAPythonTokenToItsExactBytesAndTimestamp(Vector vector) {
    List<FernetKey> keys = vector.keys().stream().map(FernetKey::parse).toList();

    FernetToken.Opened opened = FernetToken.open(keys, vector.token());

    assertThat(opened.plaintext()).isEqualTo(vector.plaintext().getBytes(StandardCharsets.UTF_8));
    assertThat(opened.timestamp()).isEqualTo(vector.timestamp());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void reencryptBindsAPythonTokenToItsTenantUnderTheNewestKey(Vector vector) {
    String newest = VaultFixtures.KEY_NEW;
    FernetCredentialCipher rotated =
        VaultFixtures.cipher(
            Stream.concat(Stream.of(newest), vector.keys().stream()).toArray(String[]::new));
    TenantId owner = Fixtures.tenantId();

    EncryptedSecret upgraded = rotated.reencrypt(owner, new EncryptedSecret(vector.token()));

    FernetCredentialCipher newestOnly =
        new FernetCredentialCipher(
            List.of(newest),
            new java.security.SecureRandom(),
            VaultFixtures.clockAt(VaultFixtures.NOW),
            FernetCredentialCipher.LegacyTokens.REFUSE);
    assertThat(newestOnly.decrypt(owner, upgraded)).isEqualTo(Secret.of(vector.plaintext()));
    assertThat(FernetToken.open(List.of(FernetKey.parse(newest)), upgraded.token()).timestamp())
        .as("kept the original timestamp, as MultiFernet.rotate does")
        .isEqualTo(vector.timestamp());
    VaultFixtures.assertUnreadable(
        () -> rotated.decrypt(Fixtures.tenantId(), upgraded), vector.plaintext());
  }
}
