package io.servicetsunami.app.wiring;

import dagger.BindsInstance;
import dagger.Component;
import io.servicetsunami.adapters.persistence.PostgresPersistence;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.app.http.HttpApi;
import io.servicetsunami.ports.out.CredentialCipher;
import jakarta.inject.Singleton;

/**
 * The whole app, assembled from its configuration. Building {@link #httpApi()} starts the database
 * (embedded unless {@code DATABASE_URL} is set); whoever builds the component closes {@link
 * #persistence()} at shutdown.
 */
@Singleton
@Component(modules = {PersistenceModule.class, SecurityModule.class, CoreModule.class})
public interface AppComponent {

  HttpApi httpApi();

  PostgresPersistence persistence();

  CredentialCipher credentialCipher();

  /** Creates the component; nothing starts until something is asked for. */
  static AppComponent create(AppConfig config) {
    return DaggerAppComponent.factory().create(config);
  }

  @Component.Factory
  interface Factory {
    AppComponent create(@BindsInstance AppConfig config);
  }
}
