package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.out.TenantInstanceRepository;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link TenantInstanceRepository} does. */
public interface TenantInstanceRepositoryContract extends Prerequisites {

  TenantInstanceRepository instances();

  private static TenantInstance running(TenantInstance instance, int seconds) {
    return instance
        .withStatus(InstanceStatus.RUNNING, Optional.empty(), Fixtures.at(seconds))
        .withEndpoint(
            "http://" + instance.helmRelease() + ".prod.svc.cluster.local:18789",
            Optional.empty(),
            Fixtures.at(seconds));
  }

  @Test
  default void createStoresTheInstanceAtRevisionZero() {
    TenantId tenant = newTenant();
    TenantInstance instance = Fixtures.instance(tenant);

    TenantInstance created = instances().create(instance);

    assertThat(created).isEqualTo(instance);
    assertThat(instances().find(tenant, instance.id())).contains(instance);
    assertThat(instances().findByTenant(tenant)).contains(instance);
    assertThat(instances().list(tenant)).containsExactly(instance);
  }

  @Test
  default void unknownInstanceIsNotFound() {
    TenantId tenant = newTenant();

    assertThat(instances().find(tenant, Fixtures.instanceId())).isEmpty();
    assertThat(instances().findByTenant(tenant)).isEmpty();
    assertThat(instances().list(tenant)).isEmpty();
    assertPortError(
        NotFoundException.class,
        ErrorCode.INSTANCE_NOT_FOUND,
        () -> instances().update(Fixtures.instance(tenant)));
    assertThat(instances().delete(tenant, Fixtures.instanceId())).isFalse();
  }

  @Test
  default void aTenantHasAtMostOneInstance() {
    TenantId tenant = newTenant();
    instances().create(Fixtures.instance(tenant));

    assertPortError(
        ConflictException.class,
        ErrorCode.INSTANCE_ALREADY_EXISTS,
        () -> instances().create(Fixtures.instance(tenant, "openclaw-second")));
    assertThat(instances().list(tenant)).hasSize(1);
  }

  @Test
  default void anotherTenantsReleaseNameInTheSameNamespaceIsACollision() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    TenantInstance first = instances().create(Fixtures.instance(a));

    assertPortError(
        ConflictException.class,
        ErrorCode.RELEASE_NAME_COLLISION,
        () -> instances().create(Fixtures.instance(b, first.helmRelease())));
    assertThat(instances().findByTenant(b)).isEmpty();
  }

  @Test
  default void releaseOwnerNamesTheTenantOwningARelease() {
    TenantId tenant = newTenant();
    TenantInstance instance = instances().create(Fixtures.instance(tenant));

    assertThat(instances().releaseOwner(instance.k8sNamespace(), instance.helmRelease()))
        .contains(tenant);
    assertThat(instances().releaseOwner("staging", instance.helmRelease())).isEmpty();
    assertThat(instances().releaseOwner(instance.k8sNamespace(), "openclaw-nobody")).isEmpty();
  }

  @Test
  default void updateReplacesTheInstanceAndIncrementsItsRevision() {
    TenantId tenant = newTenant();
    TenantInstance instance = instances().create(Fixtures.instance(tenant));

    TenantInstance updated = instances().update(running(instance, 60));

    assertThat(updated.revision()).isEqualTo(1);
    assertThat(updated.status()).isEqualTo(InstanceStatus.RUNNING);
    assertThat(instances().find(tenant, instance.id())).contains(updated);
  }

  @Test
  default void updateWithStaleRevisionIsAConflict() {
    TenantId tenant = newTenant();
    TenantInstance instance = instances().create(Fixtures.instance(tenant));
    TenantInstance updated = instances().update(running(instance, 60));

    assertPortError(
        ConflictException.class,
        ErrorCode.CONCURRENT_MODIFICATION,
        () ->
            instances()
                .update(
                    instance.withStatus(
                        InstanceStatus.ERROR, Optional.of("pod failed"), Fixtures.at(61))));
    assertThat(instances().find(tenant, instance.id())).contains(updated);
  }

  @Test
  default void ofConcurrentTransitionsFromOneRevisionExactlyOneApplies() throws Exception {
    TenantId tenant = newTenant();
    TenantInstance instance = instances().create(Fixtures.instance(tenant));
    List<TenantInstance> transitions =
        List.of(
            running(instance, 1),
            instance.withStatus(InstanceStatus.ERROR, Optional.of("crash"), Fixtures.at(1)),
            instance.withStatus(InstanceStatus.DESTROYING, Optional.empty(), Fixtures.at(1)),
            instance.withVersion("2026.2.0", Fixtures.at(1)));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(transitions.size());
    try {
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (TenantInstance transition : transitions) {
        Callable<Boolean> race =
            () -> {
              start.await();
              try {
                instances().update(transition);
                return true;
              } catch (ConflictException e) {
                return false;
              }
            };
        outcomes.add(pool.submit(race));
      }
      start.countDown();
      int applied = 0;
      for (Future<Boolean> outcome : outcomes) {
        applied += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(applied).isEqualTo(1);
      assertThat(instances().find(tenant, instance.id()).orElseThrow().revision()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void deleteRemovesTheInstanceOnceAndFreesItsRelease() {
    TenantId tenant = newTenant();
    TenantInstance instance = instances().create(Fixtures.instance(tenant));

    assertThat(instances().delete(tenant, instance.id())).isTrue();
    assertThat(instances().delete(tenant, instance.id())).isFalse();
    assertThat(instances().findByTenant(tenant)).isEmpty();
    assertThat(instances().releaseOwner(instance.k8sNamespace(), instance.helmRelease())).isEmpty();
  }

  @Test
  default void anotherTenantCannotReadListUpdateOrDeleteAnInstance() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    TenantInstance instance = instances().create(Fixtures.instance(a));

    assertThat(instances().find(b, instance.id())).isEmpty();
    assertThat(instances().findByTenant(b)).isEmpty();
    assertThat(instances().list(b)).isEmpty();
    assertPortError(
        NotFoundException.class,
        ErrorCode.INSTANCE_NOT_FOUND,
        () -> instances().update(Fixtures.forTenant(running(instance, 60), b)));
    assertThat(instances().delete(b, instance.id())).isFalse();
    assertThat(instances().find(a, instance.id())).contains(instance);
  }
}
