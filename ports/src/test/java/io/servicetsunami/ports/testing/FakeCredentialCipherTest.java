package io.servicetsunami.ports.testing;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.contract.CredentialCipherContract;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.CredentialCipher;
import org.junit.jupiter.api.Test;

class FakeCredentialCipherTest implements CredentialCipherContract {

  private final FakeCredentialCipher previous = new FakeCredentialCipher("key-2024");
  private final FakeCredentialCipher current = previous.rotatedTo("key-2025");

  @Override
  public CredentialCipher cipher() {
    return current;
  }

  @Override
  public CredentialCipher previousCipher() {
    return previous;
  }

  @Test
  void sameSecretEncryptsDifferentlyEachTime() {
    TenantId tenant = Fixtures.tenantId();

    EncryptedSecret first = current.encrypt(tenant, Secret.of("same"));
    EncryptedSecret second = current.encrypt(tenant, Secret.of("same"));

    assertThat(first).isNotEqualTo(second);
    assertThat(current.decrypt(tenant, first)).isEqualTo(current.decrypt(tenant, second));
  }

  @Test
  void isCurrentTellsWhetherTheNewestKeyWroteIt() {
    TenantId tenant = Fixtures.tenantId();
    EncryptedSecret old = previous.encrypt(tenant, Secret.of("value"));

    assertThat(current.isCurrent(old)).isFalse();
    assertThat(current.isCurrent(current.reencrypt(tenant, old))).isTrue();
  }

  @Test
  void tokenDoesNotRevealTheKey() {
    EncryptedSecret token = current.encrypt(Fixtures.tenantId(), Secret.of("value"));

    assertThat(token.token()).doesNotContain("key-2025").startsWith("fake-cipher.");
  }

  @Test
  void cipherWithAnotherKeyCannotDecrypt() {
    TenantId tenant = Fixtures.tenantId();
    EncryptedSecret token = current.encrypt(tenant, Secret.of("value"));

    PermanentException error =
        assertPortError(
            PermanentException.class,
            ErrorCode.CREDENTIAL_UNREADABLE,
            () -> new FakeCredentialCipher("unrelated").decrypt(tenant, token));
    assertThat(error.getMessage()).contains("unknown key").doesNotContain("key-2025");
  }

  @Test
  void unicodeSecretsSurviveTheRoundTrip() {
    TenantId tenant = Fixtures.tenantId();
    Secret secret = Secret.of("pässwörd-🔑-" + "x".repeat(100));

    assertThat(current.decrypt(tenant, current.encrypt(tenant, secret))).isEqualTo(secret);
  }
}
