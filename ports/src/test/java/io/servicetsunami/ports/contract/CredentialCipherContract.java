package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CredentialCipher} does: tenant-bound, tamper-evident ciphertexts and key
 * rotation.
 */
public interface CredentialCipherContract {

  /** A cipher whose newest key is not the only one: it also reads {@link #previousCipher()}'s. */
  CredentialCipher cipher();

  /** The same cipher before the last rotation: it knows only the older key(s). */
  CredentialCipher previousCipher();

  Secret PLAINTEXT = Secret.of("ghp_s3cr3t-t0ken-value");

  @Test
  default void decryptReturnsWhatWasEncrypted() {
    TenantId tenant = Fixtures.tenantId();

    EncryptedSecret ciphertext = cipher().encrypt(tenant, PLAINTEXT);

    assertThat(cipher().decrypt(tenant, ciphertext)).isEqualTo(PLAINTEXT);
  }

  @Test
  default void ciphertextDoesNotContainThePlaintext() {
    EncryptedSecret ciphertext = cipher().encrypt(Fixtures.tenantId(), PLAINTEXT);

    assertThat(ciphertext.token()).doesNotContain(PLAINTEXT.reveal());
    assertThat(ciphertext.toString()).doesNotContain(PLAINTEXT.reveal());
  }

  @Test
  default void anotherTenantCannotDecrypt() {
    EncryptedSecret ciphertext = cipher().encrypt(Fixtures.tenantId(), PLAINTEXT);

    PermanentException error =
        assertPortError(
            PermanentException.class,
            ErrorCode.CREDENTIAL_UNREADABLE,
            () -> cipher().decrypt(Fixtures.tenantId(), ciphertext));
    assertThat(error.getMessage()).doesNotContain(PLAINTEXT.reveal());
  }

  @Test
  default void tamperedCiphertextIsUnreadable() {
    TenantId tenant = Fixtures.tenantId();
    String token = cipher().encrypt(tenant, PLAINTEXT).token();
    int middle = token.length() / 2;
    char flipped = token.charAt(middle) == 'A' ? 'B' : 'A';
    EncryptedSecret tampered =
        new EncryptedSecret(token.substring(0, middle) + flipped + token.substring(middle + 1));

    assertPortError(
        PermanentException.class,
        ErrorCode.CREDENTIAL_UNREADABLE,
        () -> cipher().decrypt(tenant, tampered));
  }

  @Test
  default void malformedCiphertextIsUnreadable() {
    assertPortError(
        PermanentException.class,
        ErrorCode.CREDENTIAL_UNREADABLE,
        () -> cipher().decrypt(Fixtures.tenantId(), new EncryptedSecret("not a token at all")));
  }

  @Test
  default void ciphertextWrittenBeforeRotationStillDecrypts() {
    TenantId tenant = Fixtures.tenantId();
    EncryptedSecret old = previousCipher().encrypt(tenant, PLAINTEXT);

    assertThat(cipher().decrypt(tenant, old)).isEqualTo(PLAINTEXT);
  }

  @Test
  default void reencryptMovesACiphertextToTheNewestKey() {
    TenantId tenant = Fixtures.tenantId();
    EncryptedSecret old = previousCipher().encrypt(tenant, PLAINTEXT);

    EncryptedSecret rotated = cipher().reencrypt(tenant, old);

    assertThat(cipher().decrypt(tenant, rotated)).isEqualTo(PLAINTEXT);
    assertThat(cipher().decrypt(tenant, cipher().reencrypt(tenant, rotated))).isEqualTo(PLAINTEXT);
    assertPortError(
        PermanentException.class,
        ErrorCode.CREDENTIAL_UNREADABLE,
        () -> previousCipher().decrypt(tenant, rotated));
  }

  @Test
  default void reencryptForAnotherTenantIsUnreadable() {
    EncryptedSecret ciphertext = cipher().encrypt(Fixtures.tenantId(), PLAINTEXT);

    assertPortError(
        PermanentException.class,
        ErrorCode.CREDENTIAL_UNREADABLE,
        () -> cipher().reencrypt(Fixtures.tenantId(), ciphertext));
  }
}
