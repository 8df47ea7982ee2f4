package io.servicetsunami.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.adapters.persistence.PostgresPersistence;
import io.servicetsunami.adapters.persistence.vault.FernetCredentialCipher;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.ports.out.AgentRepository;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.TenantRepository;
import io.servicetsunami.ports.out.UserRepository;
import jakarta.inject.Singleton;
import java.security.SecureRandom;

/**
 * PostgreSQL (embedded unless {@code DATABASE_URL} is set) behind the repository ports, and the
 * Fernet vault for stored credentials.
 */
@Module
public final class PersistenceModule {

  private PersistenceModule() {}

  @Provides
  @Singleton
  static PostgresPersistence persistence(AppConfig config) {
    return PostgresPersistence.start(config.database());
  }

  @Provides
  static TenantRepository tenants(PostgresPersistence db) {
    return db.tenants();
  }

  @Provides
  static UserRepository users(PostgresPersistence db) {
    return db.users();
  }

  @Provides
  static AgentRepository agents(PostgresPersistence db) {
    return db.agents();
  }

  @Provides
  @Singleton
  static CredentialCipher credentialCipher(AppConfig config, SecureRandom random) {
    return new FernetCredentialCipher(config.encryptionKeys(), random, java.time.Clock.systemUTC());
  }
}
