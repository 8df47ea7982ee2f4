package io.servicetsunami.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.adapters.k8s.KubernetesClients;
import io.servicetsunami.adapters.local.LocalInstanceRuntime;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.core.instance.InstanceSettings;
import io.servicetsunami.ports.out.InstanceRuntime;
import jakarta.inject.Singleton;

/**
 * Where tenant instances run: real OpenClaw gateway processes on this machine by default, a
 * Kubernetes cluster with {@code INSTANCE_RUNTIME=kubernetes}.
 */
@Module
public final class InstanceRuntimeModule {

  private InstanceRuntimeModule() {}

  @Provides
  @Singleton
  static InstanceRuntime instanceRuntime(AdapterConfig config) {
    return switch (config.instanceRuntime()) {
      case LOCAL -> new LocalInstanceRuntime(config.local());
      case KUBERNETES -> KubernetesClients.runtime(config.kubernetes().orElseThrow());
    };
  }

  @Provides
  static InstanceSettings instanceSettings(AdapterConfig config) {
    return config.instances();
  }
}
