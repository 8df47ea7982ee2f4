package io.servicetsunami.app.wiring;

import dagger.BindsInstance;
import dagger.Component;
import io.servicetsunami.adapters.persistence.PostgresPersistence;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.app.http.HttpApi;
import io.servicetsunami.ports.out.CredentialCipher;
import jakarta.inject.Singleton;

/**
 * The whole app, assembled from its configuration: one module per adapter (persistence, Temporal,
 * instance runtime, gateways, agent runtime, data) and one per core area. Nothing starts until
 * something is asked for; {@link #lifecycle()} starts and stops the parts in order.
 *
 * <p>To add a part, add a module here; to add an HTTP route group, see {@link HttpApi}.
 */
@Singleton
@Component(
    modules = {
      PersistenceModule.class,
      SecurityModule.class,
      TemporalModule.class,
      InstanceRuntimeModule.class,
      GatewayModule.class,
      AgentRuntimeModule.class,
      DataModule.class,
      CoreModule.class,
      TaskModule.class,
      InstanceModule.class,
      SkillModule.class,
      PipelineModule.class,
      HttpModule.class
    })
public interface AppComponent {

  AppLifecycle lifecycle();

  HttpApi httpApi();

  PostgresPersistence persistence();

  CredentialCipher credentialCipher();

  /** Creates the component; nothing starts until something is asked for. */
  static AppComponent create(AppConfig config, AdapterConfig adapters) {
    return DaggerAppComponent.factory().create(config, adapters);
  }

  @Component.Factory
  interface Factory {
    AppComponent create(@BindsInstance AppConfig config, @BindsInstance AdapterConfig adapters);
  }
}
