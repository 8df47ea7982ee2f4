package io.servicetsunami.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.app.security.HmacJwtAccessTokens;
import io.servicetsunami.app.security.Pbkdf2PasswordHasher;
import io.servicetsunami.ports.out.AccessTokens;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.PasswordHasher;
import jakarta.inject.Singleton;
import java.security.SecureRandom;

/** Time, ids, randomness, tokens and password hashes: the JDK behind the ports. */
@Module
public final class SecurityModule {

  private SecurityModule() {}

  @Provides
  @Singleton
  static SecureRandom random() {
    return new SecureRandom();
  }

  @Provides
  @Singleton
  static Clock clock() {
    return new SystemClock();
  }

  @Provides
  @Singleton
  static IdGenerator ids() {
    return new UuidIdGenerator();
  }

  @Provides
  @Singleton
  static AccessTokens accessTokens(AppConfig config, Clock clock) {
    return new HmacJwtAccessTokens(config.secretKey(), config.accessTokenTtl(), clock);
  }

  @Provides
  @Singleton
  static PasswordHasher passwordHasher(SecureRandom random) {
    return new Pbkdf2PasswordHasher(random);
  }
}
