package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.InstanceRuntime;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReadyRelease;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import io.servicetsunami.ports.testing.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InstanceRuntime} does. Each test installs into a release of its own (from
 * {@link #newSpec}) and destroys it at the end.
 */
public interface InstanceRuntimeContract {

  InstanceRuntime runtime();

  /** A spec for a release that does not exist yet, owned by {@code tenant}. */
  default InstanceSpec newSpec(TenantId tenant) {
    return Fixtures.instanceSpec(tenant);
  }

  /** How long a fresh release may take to become ready. */
  default Duration readyTimeout() {
    return Duration.ofMinutes(6);
  }

  default Secret gatewayToken() {
    return Secret.of("contract-gateway-token");
  }

  @Test
  default void renderIsPure() {
    InstanceSpec spec = newSpec(Fixtures.tenantId());

    InstanceRuntime.ReleasePlan plan = runtime().render(spec);

    assertThat(plan.ref()).isEqualTo(spec.ref());
    assertThat(plan.internalUrl()).isNotBlank();
    assertThat(runtime().render(spec)).isEqualTo(plan);
  }

  @Test
  default void logsOfAnUnknownReleaseAreNotFound() {
    ReleaseRef unknown = newSpec(Fixtures.tenantId()).ref();

    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime().logs(unknown, 5));
  }

  @Test
  default void installedReleaseBecomesReady() {
    InstanceSpec spec = newSpec(Fixtures.tenantId());
    try {
      runtime().install(spec, gatewayToken());
      List<String> progress = new ArrayList<>();

      ReadyRelease ready = runtime().awaitReady(spec.ref(), readyTimeout(), progress::add);

      assertThat(ready.ref()).isEqualTo(spec.ref());
      assertThat(ready.internalUrl()).isEqualTo(runtime().render(spec).internalUrl());
      assertThat(ready.podName()).isNotBlank();
    } finally {
      runtime().destroy(spec.ref());
    }
  }

  @Test
  default void installingTwiceConvergesToOneRelease() {
    InstanceSpec spec = newSpec(Fixtures.tenantId());
    try {
      runtime().install(spec, gatewayToken());
      runtime().install(spec, gatewayToken());

      ReadyRelease ready = runtime().awaitReady(spec.ref(), readyTimeout(), detail -> {});

      assertThat(ready.ref()).isEqualTo(spec.ref());
    } finally {
      runtime().destroy(spec.ref());
    }
  }

  @Test
  default void installingAReleaseOfAnotherTenantIsACollision() {
    InstanceSpec spec = newSpec(Fixtures.tenantId());
    InstanceSpec intruder =
        new InstanceSpec(
            Fixtures.tenantId(),
            Fixtures.instanceId(),
            spec.ref(),
            spec.version(),
            spec.resources());
    try {
      runtime().install(spec, gatewayToken());

      assertPortError(
          ConflictException.class,
          ErrorCode.RELEASE_NAME_COLLISION,
          () -> runtime().install(intruder, Secret.of("intruder-token")));
    } finally {
      runtime().destroy(spec.ref());
    }
  }

  @Test
  default void stopAndStartAreIdempotent() {
    InstanceSpec spec = newSpec(Fixtures.tenantId());
    try {
      runtime().install(spec, gatewayToken());
      runtime().awaitReady(spec.ref(), readyTimeout(), detail -> {});

      runtime().stop(spec.ref());
      runtime().stop(spec.ref());
      runtime().start(spec.ref());
      runtime().start(spec.ref());

      assertThat(runtime().awaitReady(spec.ref(), readyTimeout(), detail -> {}).ref())
          .isEqualTo(spec.ref());
    } finally {
      runtime().destroy(spec.ref());
    }
  }

  @Test
  default void approvingADeviceOfAMissingReleaseIsNotFound() {
    ReleaseRef missing = new ReleaseRef("prod", "openclaw-never-installed");

    assertPortError(
        NotFoundException.class,
        ErrorCode.RELEASE_NOT_FOUND,
        () -> runtime().approveDevice(missing, "control-plane", "MCowBQYDK2VwAyEAcontractkey"));
  }

  @Test
  default void destroyIsIdempotentAndRemovesTheRelease() {
    InstanceSpec spec = newSpec(Fixtures.tenantId());
    runtime().install(spec, gatewayToken());

    runtime().destroy(spec.ref());
    runtime().destroy(spec.ref());

    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime().logs(spec.ref(), 5));
  }

  @Test
  default void destroyingAReleaseThatNeverExistedCountsAsDone() {
    ReleaseRef never = newSpec(Fixtures.tenantId()).ref();

    assertThatCode(() -> runtime().destroy(never)).doesNotThrowAnyException();
  }
}
