package io.servicetsunami.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.adapters.openclaw.OpenClawSkillGateway;
import io.servicetsunami.adapters.openclaw.Resilience4jCircuitBreakers;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.core.breaker.CircuitBreakerPolicy;
import io.servicetsunami.core.instance.GatewayEndpoints;
import io.servicetsunami.ports.out.CircuitBreakers;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.SkillGateway;
import jakarta.inject.Singleton;

/**
 * The tenants' OpenClaw gateways: one pooled WebSocket connection per instance, the per-instance
 * circuit breakers (the core's policy: 3 failures in 5 minutes open it for 2), and how the core
 * finds a gateway's address and tokens.
 */
@Module
public final class GatewayModule {

  private GatewayModule() {}

  @Provides
  @Singleton
  static OpenClawSkillGateway openClawGateway(AdapterConfig config) {
    return new OpenClawSkillGateway(config.openClaw());
  }

  @Provides
  static SkillGateway skillGateway(OpenClawSkillGateway gateway) {
    return gateway;
  }

  @Provides
  @Singleton
  static CircuitBreakers circuitBreakers() {
    CircuitBreakerPolicy policy = CircuitBreakerPolicy.DEFAULT;
    return new Resilience4jCircuitBreakers(
        policy.failureThreshold(), policy.window(), policy.openDuration());
  }

  @Provides
  @Singleton
  static GatewayEndpoints gatewayEndpoints(AdapterConfig config, CredentialCipher cipher) {
    return new GatewayEndpoints(cipher, config.sharedGatewayToken());
  }
}
