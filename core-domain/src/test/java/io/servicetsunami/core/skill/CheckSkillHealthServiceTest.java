package io.servicetsunami.core.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.core.breaker.CircuitBreakerPolicy;
import io.servicetsunami.core.breaker.SlidingWindowCircuitBreakers;
import io.servicetsunami.core.instance.GatewayEndpoints;
import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.CheckSkillHealthUseCase.SkillHealth;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.out.CircuitBreakers;
import io.servicetsunami.ports.out.SkillGateway.GatewayHealth;
import io.servicetsunami.ports.testing.FakeCredentialCipher;
import io.servicetsunami.ports.testing.FakeSkillGateway;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemoryTenantInstanceRepository;
import io.servicetsunami.ports.testing.MutableClock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckSkillHealthServiceTest {

  private final InMemoryTenantInstanceRepository instances = new InMemoryTenantInstanceRepository();
  private final FakeCredentialCipher cipher = new FakeCredentialCipher();
  private final FakeSkillGateway gateway = new FakeSkillGateway();
  private final SlidingWindowCircuitBreakers breakers =
      new SlidingWindowCircuitBreakers(CircuitBreakerPolicy.DEFAULT, new MutableClock());
  private final GatewayEndpoints endpoints = new GatewayEndpoints(cipher, Optional.empty());
  private final CheckSkillHealthService service =
      new CheckSkillHealthService(instances, endpoints, gateway, breakers);
  private final TenantId tenant = Fixtures.tenantId();

  @Test
  void reportsAHealthyGatewayWithAClosedCircuit() {
    running();

    SkillHealth health = service.check(tenant);

    assertThat(health)
        .isEqualTo(new SkillHealth(true, true, true, "healthy", CircuitBreakers.State.CLOSED));
  }

  @Test
  void reportsAGatewayThatAnswersHttpButNotTheWebSocketChallenge() {
    TenantInstance instance = running();
    gateway.reportsHealth(endpoints.of(instance), new GatewayHealth(true, false));

    assertThat(service.check(tenant).status()).isEqualTo("http_only");
  }

  @Test
  void reportsAnUnreachableGatewayAndAnOpenCircuit() {
    TenantInstance instance = running();
    gateway.down(endpoints.of(instance));
    for (int i = 0; i < 3; i++) {
      breakers.tryAcquire(instance.id());
      breakers.onFailure(instance.id());
    }

    SkillHealth health = service.check(tenant);

    assertThat(health.healthy()).isFalse();
    assertThat(health.status()).isEqualTo("unreachable");
    assertThat(health.circuit()).isEqualTo(CircuitBreakers.State.OPEN);
  }

  @Test
  void needsARunningInstance() {
    assertThatThrownBy(() -> service.check(tenant)).isInstanceOf(NotFoundException.class);
    instances.create(Fixtures.instance(tenant));
    assertThatThrownBy(() -> service.check(tenant)).isInstanceOf(ConflictException.class);
  }

  private TenantInstance running() {
    TenantInstance created = instances.create(Fixtures.instance(tenant));
    return instances.update(
        new TenantInstance(
            created.id(),
            tenant,
            created.version(),
            InstanceStatus.RUNNING,
            created.helmRelease(),
            created.k8sNamespace(),
            created.resources(),
            Optional.of("http://" + created.helmRelease() + ".prod.svc.cluster.local:18789"),
            Optional.of(cipher.encrypt(tenant, Secret.of("gateway-token"))),
            Optional.empty(),
            Optional.empty(),
            created.revision(),
            created.createdAt(),
            created.updatedAt()));
  }
}
