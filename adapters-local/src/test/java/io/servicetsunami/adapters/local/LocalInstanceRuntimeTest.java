package io.servicetsunami.adapters.local;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReleasePlan;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import io.servicetsunami.ports.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the local runtime does without starting a gateway. */
class LocalInstanceRuntimeTest {

  @TempDir Path base;

  private LocalInstanceRuntime runtime() {
    return new LocalInstanceRuntime(
        LocalRuntimeSettings.defaults(
            base, Map.of("OPENCLAW_CACHE_DIR", base.resolve("cache").toString())));
  }

  @Test
  void renderIsPureAndUsesTheReleasesPreferredLoopbackPort() {
    InstanceSpec spec = RealGateways.spec(Fixtures.tenantId());

    ReleasePlan plan = runtime().render(spec);

    int port = LocalInstanceRuntime.preferredPort(spec.ref().release());
    assertThat(plan).isEqualTo(runtime().render(spec));
    assertThat(plan.internalUrl()).isEqualTo("http://127.0.0.1:" + port);
    assertThat(plan.values())
        .containsEntry("release", spec.ref().release())
        .containsEntry("tenantId", spec.tenantId().value().toString());
    assertThat(plan.values().get("gateway").toString()).contains("bind=loopback", "port=" + port);
    assertThat(plan.values().toString()).doesNotContain("token=");
    assertThat(base).isEmptyDirectory();
  }

  @Test
  void preferredPortsStayInTheRangeAndApart() {
    for (int i = 0; i < 200; i++) {
      int port = LocalInstanceRuntime.preferredPort(Fixtures.releaseName(Fixtures.tenantId()));
      assertThat(port).isBetween(19000, 28990);
      assertThat((port - 19000) % 10).isZero();
    }
  }

  @Test
  void renderUsesThePortPersistedInTheReleaseDirectory() throws Exception {
    TenantId tenant = Fixtures.tenantId();
    InstanceSpec spec = RealGateways.spec(tenant);
    new ReleaseDirectory(base, spec.ref())
        .writeRecord(
            new ReleaseDirectory.Record(
                "prod", spec.ref().release(), tenant.value().toString(), "i", "v", 23450));

    assertThat(runtime().render(spec).internalUrl()).isEqualTo("http://127.0.0.1:23450");
  }

  @Test
  void releaseNamesThatAreNoDnsLabelAreRefused() {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () -> runtime().logs(new ReleaseRef("prod", "../etc"), 5));
  }

  @Test
  void versionsThatAreNoPackageVersionAreRefused() {
    assertPortError(
        PermanentException.class,
        ErrorCode.RUNTIME_FAILED,
        () -> OpenClawInstaller.requireVersion("--registry=http://evil"));
  }

  @Test
  void lifecycleOfAnUnknownReleaseIsNotFoundAndDestroyIsDone() {
    ReleaseRef unknown = new ReleaseRef("prod", "openclaw-unknown1");
    LocalInstanceRuntime runtime = runtime();

    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime.stop(unknown));
    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime.start(unknown));
    assertPortError(
        NotFoundException.class, ErrorCode.RELEASE_NOT_FOUND, () -> runtime.restart(unknown));
    assertPortError(
        NotFoundException.class,
        ErrorCode.RELEASE_NOT_FOUND,
        () -> runtime.approveDevice(unknown, "d", "k"));
    runtime.destroy(unknown);
    assertThat(Files.exists(base.resolve("openclaw-unknown1"))).isFalse();
  }
}
