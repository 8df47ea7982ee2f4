package io.servicetsunami.exemplar.app;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.exemplar.adapters.k8s.KubernetesInstanceRuntime;
import io.servicetsunami.exemplar.adapters.persistence.JpaInstanceRepository;
import io.servicetsunami.exemplar.core.StartInstanceService;
import io.servicetsunami.exemplar.ports.in.StartInstanceUseCase;
import io.servicetsunami.exemplar.ports.out.Clock;
import io.servicetsunami.exemplar.ports.out.IdGenerator;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;

/**
 * The composition root may use the system clock, randomness and every adapter, but not an adapter's
 * technology: it asks the adapter to build itself.
 */
@Module
public final class AppModule {
  @Provides
  @Singleton
  static StartInstanceUseCase startInstance(JpaInstanceRepository instances) {
    Clock clock = Instant::now;
    IdGenerator ids = UUID::randomUUID;
    return new StartInstanceService(
        instances, KubernetesInstanceRuntime.fromEnvironment(), clock, ids);
  }
}
