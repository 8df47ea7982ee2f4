package io.servicetsunami.adapters.local;

import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import io.servicetsunami.ports.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * Settings for tests with real gateways: a fresh base directory, the shared cache ({@code
 * $OPENCLAW_CACHE_DIR}, default {@code ~/.cache/servicetsunami-openclaw}). Missing prerequisites
 * skip the tests with a message, or fail them when {@code REQUIRE_REAL_GATEWAY=1} (as in CI).
 */
final class RealGateways {

  static final String VERSION = System.getProperty("openclaw.version", "2026.9.6");

  private RealGateways() {}

  static LocalRuntimeSettings settings() {
    Path base;
    try {
      base = Files.createTempDirectory("local-runtime-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LocalRuntimeSettings settings =
        LocalRuntimeSettings.defaults(base, System.getenv()).withPairingWait(Duration.ofSeconds(3));
    try {
      new OpenClawInstaller(settings).ensure(VERSION);
    } catch (RuntimeException e) {
      String message =
          "Node/openclaw "
              + VERSION
              + " cannot be installed into "
              + settings.cacheDirectory()
              + ": "
              + e.getMessage()
              + ". The local runtime installs them from the npm registry; it needs npm on the PATH"
              + " and the registry reachable.";
      if ("1".equals(System.getenv("REQUIRE_REAL_GATEWAY"))) {
        throw new IllegalStateException(message + " (REQUIRE_REAL_GATEWAY=1)", e);
      }
      Assumptions.abort(message + " Set REQUIRE_REAL_GATEWAY=1 to fail instead of skipping.");
    }
    return settings;
  }

  static InstanceSpec spec(TenantId tenant) {
    return new InstanceSpec(
        tenant,
        Fixtures.instanceId(),
        new ReleaseRef("prod", Fixtures.releaseName(tenant)),
        VERSION,
        ResourceSpec.DEFAULT);
  }

  static void deleteTree(Path dir) {
    try {
      OpenClawInstaller.deleteTree(dir);
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
