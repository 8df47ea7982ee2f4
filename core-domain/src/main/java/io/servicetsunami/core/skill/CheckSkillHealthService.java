package io.servicetsunami.core.skill;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.core.instance.GatewayEndpoints;
import io.servicetsunami.core.instance.RunningInstances;
import io.servicetsunami.ports.in.CheckSkillHealthUseCase;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.out.CircuitBreakers;
import io.servicetsunami.ports.out.SkillGateway;
import io.servicetsunami.ports.out.TenantInstanceRepository;

/**
 * Live health of the tenant's gateway: HTTP readiness plus the WebSocket challenge, and the state
 * of its circuit breaker. The probe goes out even while the circuit is open — it is how an operator
 * sees whether the gateway came back.
 */
public final class CheckSkillHealthService implements CheckSkillHealthUseCase {

  private final TenantInstanceRepository instances;
  private final GatewayEndpoints endpoints;
  private final SkillGateway gateway;
  private final CircuitBreakers breakers;

  public CheckSkillHealthService(
      TenantInstanceRepository instances,
      GatewayEndpoints endpoints,
      SkillGateway gateway,
      CircuitBreakers breakers) {
    this.instances = requireNonNull(instances, "instances is null");
    this.endpoints = requireNonNull(endpoints, "endpoints is null");
    this.gateway = requireNonNull(gateway, "gateway is null");
    this.breakers = requireNonNull(breakers, "breakers is null");
  }

  @Override
  public SkillHealth check(TenantId tenant) {
    TenantInstance instance = RunningInstances.require(instances, tenant);
    SkillGateway.GatewayHealth health = gateway.probe(endpoints.of(instance));
    return new SkillHealth(
        health.healthy(),
        health.httpOk(),
        health.wsOk(),
        health.status(),
        breakers.state(instance.id()));
  }
}
