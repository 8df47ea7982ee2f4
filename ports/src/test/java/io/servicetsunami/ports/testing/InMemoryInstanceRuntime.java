package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.InstanceRuntime;
import io.servicetsunami.ports.out.SkillGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link InstanceRuntime} that keeps releases in memory. Installing converges (twice is one
 * release), a release of another tenant is refused as a name collision, stop/start/destroy are
 * idempotent, and {@link #render} follows the production layout: internal URL {@code
 * http://{release}.{namespace}.svc.cluster.local:18789}. Failures are scripted with {@link
 * #failInstallWith}, {@link #failReadinessWith} and {@link #failReadinessOnceWith}.
 */
public final class InMemoryInstanceRuntime implements InstanceRuntime {

  /** The gateway port of an OpenClaw instance. */
  public static final int GATEWAY_PORT = 18789;

  /** What the runtime holds for one release, for assertions. */
  public record ReleaseState(
      TenantId tenantId,
      InstanceId instanceId,
      String version,
      ResourceSpec resources,
      Secret gatewayToken,
      int replicas,
      int restarts,
      int installs,
      Map<String, String> pairedDevices) {

    public boolean running() {
      return replicas > 0;
    }
  }

  private static final class Release {
    InstanceSpec spec;
    Secret gatewayToken;
    int replicas = 1;
    int restarts;
    int installs;
    final Map<String, String> pairedDevices = new LinkedHashMap<>();
    final Map<String, String> pairingRequests = new LinkedHashMap<>();
    final List<String> logs = new ArrayList<>();
  }

  private final Map<ReleaseRef, Release> releases = new LinkedHashMap<>();
  private final List<ReleaseRef> destroyed = new ArrayList<>();
  private PortException installFailure;
  private PortException readinessFailure;
  private PortException readinessFailureOnce;

  @Override
  public ReleasePlan render(InstanceSpec spec) {
    requireNonNull(spec, "spec is null");
    ReleaseRef ref = spec.ref();
    ResourceSpec r = spec.resources();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("version", spec.version());
    values.put("image", Map.of("tag", spec.version()));
    values.put(
        "resources",
        Map.of(
            "requests", Map.of("cpu", r.cpuRequest(), "memory", r.memoryRequest()),
            "limits", Map.of("cpu", r.cpuLimit(), "memory", r.memoryLimit())));
    values.put("persistence", Map.of("enabled", true, "size", r.storageSize()));
    values.put("gateway", Map.of("port", GATEWAY_PORT, "tokenSecret", "openclaw-secrets"));
    values.put(
        "labels",
        Map.of(
            "app.kubernetes.io/name", "openclaw",
            "app.kubernetes.io/instance", ref.release(),
            "servicetsunami.io/tenant-id", spec.tenantId().toString(),
            "servicetsunami.io/instance-id", spec.instanceId().toString()));
    return new ReleasePlan(ref, values, internalUrl(ref));
  }

  @Override
  public synchronized void install(InstanceSpec spec, Secret gatewayToken) {
    requireNonNull(spec, "spec is null");
    requireNonNull(gatewayToken, "gatewayToken is null");
    if (installFailure != null) {
      throw installFailure;
    }
    Release release = releases.get(spec.ref());
    if (release != null && !release.spec.tenantId().equals(spec.tenantId())) {
      throw new ConflictException(
          ErrorCode.RELEASE_NAME_COLLISION,
          "release " + spec.ref().release() + " belongs to another tenant");
    }
    if (release == null) {
      release = new Release();
      releases.put(spec.ref(), release);
    }
    release.spec = spec;
    release.gatewayToken = gatewayToken;
    release.installs++;
    release.logs.add("installed " + spec.ref().release() + " version " + spec.version());
  }

  @Override
  public ReadyRelease awaitReady(ReleaseRef ref, Duration timeout, Progress progress) {
    requireNonNull(timeout, "timeout is null");
    requireNonNull(progress, "progress is null");
    synchronized (this) {
      if (readinessFailureOnce != null) {
        PortException failure = readinessFailureOnce;
        readinessFailureOnce = null;
        throw failure;
      }
      if (readinessFailure != null) {
        throw readinessFailure;
      }
      Release release = releases.get(ref);
      if (release == null || release.replicas == 0) {
        // A real runtime would wait until the timeout; there is nothing to wait for here.
        throw new TransientException(
            ErrorCode.RUNTIME_UNAVAILABLE,
            "release " + ref.release() + " not ready within " + timeout);
      }
    }
    progress.report("pod " + podName(ref) + " is ready");
    return ready(ref);
  }

  @Override
  public synchronized DeviceApproval approveDevice(
      ReleaseRef ref, String deviceId, String devicePublicKey) {
    requireNonNull(deviceId, "deviceId is null");
    requireNonNull(devicePublicKey, "devicePublicKey is null");
    Release release = existing(ref);
    if (devicePublicKey.equals(release.pairedDevices.get(deviceId))) {
      return DeviceApproval.ALREADY_PAIRED;
    }
    String requested = release.pairingRequests.get(deviceId);
    if (requested == null) {
      throw new TransientException(
          ErrorCode.RUNTIME_UNAVAILABLE, "no pairing request from device " + deviceId + " yet");
    }
    if (!requested.equals(devicePublicKey)) {
      throw new PermanentException(
          ErrorCode.GATEWAY_REJECTED,
          "the pairing request of device " + deviceId + " carries another public key");
    }
    release.pairingRequests.remove(deviceId);
    release.pairedDevices.put(deviceId, devicePublicKey);
    return DeviceApproval.APPROVED;
  }

  @Override
  public synchronized void stop(ReleaseRef ref) {
    Release release = existing(ref);
    if (release.replicas != 0) {
      release.replicas = 0;
      release.logs.add("stopped");
    }
  }

  @Override
  public synchronized void start(ReleaseRef ref) {
    Release release = existing(ref);
    if (release.replicas != 1) {
      release.replicas = 1;
      release.logs.add("started");
    }
  }

  @Override
  public synchronized void restart(ReleaseRef ref) {
    Release release = existing(ref);
    release.restarts++;
    release.logs.add("restarted");
  }

  @Override
  public synchronized void destroy(ReleaseRef ref) {
    requireNonNull(ref, "ref is null");
    if (releases.remove(ref) != null) {
      destroyed.add(ref);
    }
  }

  @Override
  public synchronized List<String> logs(ReleaseRef ref, int tail) {
    if (tail < 0) {
      throw new IllegalArgumentException("tail is negative: " + tail);
    }
    List<String> lines = existing(ref).logs;
    return List.copyOf(lines.subList(Math.max(0, lines.size() - tail), lines.size()));
  }

  // ---- test helpers ----------------------------------------------------------------------------

  /** The release as the runtime holds it, if installed and not destroyed. */
  public synchronized Optional<ReleaseState> release(ReleaseRef ref) {
    Release r = releases.get(ref);
    if (r == null) {
      return Optional.empty();
    }
    return Optional.of(
        new ReleaseState(
            r.spec.tenantId(),
            r.spec.instanceId(),
            r.spec.version(),
            r.spec.resources(),
            r.gatewayToken,
            r.replicas,
            r.restarts,
            r.installs,
            Map.copyOf(r.pairedDevices)));
  }

  /** The releases destroyed through the port, in order. */
  public synchronized List<ReleaseRef> destroyed() {
    return List.copyOf(destroyed);
  }

  /** The device connects to the gateway and asks to be paired, as a remote client would. */
  public synchronized void requestPairing(ReleaseRef ref, String deviceId, String devicePublicKey) {
    existing(ref).pairingRequests.put(deviceId, devicePublicKey);
  }

  /**
   * The release's gateway as a place of pairings, for a {@link FakeSkillGateway#remote} gateway: a
   * connect of an unapproved device files its request here (the same request id on every connect),
   * and {@link #approveDevice} approves it.
   */
  public FakeSkillGateway.DevicePairings pairings(ReleaseRef ref) {
    requireNonNull(ref, "ref is null");
    return new FakeSkillGateway.DevicePairings() {
      @Override
      public boolean paired(SkillGateway.Device device) {
        synchronized (InMemoryInstanceRuntime.this) {
          return device.publicKey().equals(existing(ref).pairedDevices.get(device.id()));
        }
      }

      @Override
      public String requested(SkillGateway.Device device) {
        requestPairing(ref, device.id(), device.publicKey());
        return "request-" + device.id();
      }
    };
  }

  /** Adds lines to the release's log, as its gateway would write them. */
  public synchronized void appendLog(ReleaseRef ref, String... lines) {
    existing(ref).logs.addAll(List.of(lines));
  }

  /** Makes every {@link #install} fail with {@code failure}; {@code null} lets installs through. */
  public synchronized void failInstallWith(PortException failure) {
    this.installFailure = failure;
  }

  /**
   * Makes every {@link #awaitReady} fail with {@code failure} (e.g. {@code pod_failed}); {@code
   * null} lets it succeed again.
   */
  public synchronized void failReadinessWith(PortException failure) {
    this.readinessFailure = failure;
  }

  /** Makes the next {@link #awaitReady} fail with {@code failure}, e.g. to test a retry. */
  public synchronized void failReadinessOnceWith(PortException failure) {
    this.readinessFailureOnce = requireNonNull(failure, "failure is null");
  }

  /**
   * The internal URL of a release: {@code http://{release}.{namespace}.svc.cluster.local:18789}.
   */
  public static String internalUrl(ReleaseRef ref) {
    return "http://" + ref.release() + "." + ref.namespace() + ".svc.cluster.local:" + GATEWAY_PORT;
  }

  private static String podName(ReleaseRef ref) {
    return ref.release() + "-0";
  }

  private static ReadyRelease ready(ReleaseRef ref) {
    return new ReadyRelease(ref, internalUrl(ref), podName(ref));
  }

  private Release existing(ReleaseRef ref) {
    requireNonNull(ref, "ref is null");
    Release release = releases.get(ref);
    if (release == null) {
      throw new NotFoundException(
          ErrorCode.RELEASE_NOT_FOUND, "no release " + ref.release() + " in " + ref.namespace());
    }
    return release;
  }
}
