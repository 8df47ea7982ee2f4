package io.servicetsunami.adapters.persistence.vault;

import io.servicetsunami.ports.contract.CredentialCipherContract;
import io.servicetsunami.ports.out.CredentialCipher;
import java.security.SecureRandom;

class FernetCredentialCipherContractTest implements CredentialCipherContract {

  private static final String OLDER = FernetCredentialCipher.generateKey(new SecureRandom());
  private static final String OLD = FernetCredentialCipher.generateKey(new SecureRandom());
  private static final String NEWEST = FernetCredentialCipher.generateKey(new SecureRandom());

  @Override
  public CredentialCipher cipher() {
    return VaultFixtures.cipher(NEWEST, OLD, OLDER);
  }

  @Override
  public CredentialCipher previousCipher() {
    return VaultFixtures.cipher(OLD, OLDER);
  }
}
