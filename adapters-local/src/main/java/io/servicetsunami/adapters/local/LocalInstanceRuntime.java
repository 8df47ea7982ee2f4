package io.servicetsunami.adapters.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.InstanceRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded mode's instance runtime: per release a real {@code openclaw gateway} process bound
 * to 127.0.0.1 on a port of its own, with its own state directory, config and token under {@code
 * <baseDirectory>/<release>}. Node and OpenClaw are installed into the cache directory when missing
 * ({@link OpenClawInstaller}).
 *
 * <p>The semantics follow the Kubernetes runtime: {@code stop}/{@code start} are scale to 0/1 (the
 * state stays), {@code restart} is a fresh process on the same state, {@code destroy} ends the
 * processes and then deletes the state, and {@code install} leaves the gateway running (like a
 * Deployment with one replica), restarting it only when its version or config changed.
 *
 * <p>Gateways outlive the JVM on purpose (as pods outlive a control-plane restart). A new runtime
 * finds them again through each release's pid file, checked against the process's command line and
 * the release marker in its environment ({@link GatewayProcesses}), so nothing is started twice;
 * leftovers (workers of a crashed gateway, processes of a stopped release) are ended.
 *
 * <p>Device pairing: in the embedded mode the control plane reaches its gateways on loopback, where
 * a {@code gateway-client}/{@code backend} client with the shared token keeps its scopes and no
 * pairing request is ever created. {@link #approveDevice} works as on Kubernetes for gateways
 * reached from another address ({@link LocalRuntimeSettings#bindHost}, e.g. in a network
 * namespace): the gateway's own CLI ({@code openclaw devices list/approve --json}) runs with the
 * release's state and config, reaches the gateway on its 127.0.0.1 listener and so is a local,
 * fully privileged operator.
 *
 * <p>One runtime object per base directory at a time: a runtime's start-up ends marked processes it
 * cannot attribute to a release's pid file, including a gateway another live runtime object is
 * launching at that moment.
 */
public final class LocalInstanceRuntime implements InstanceRuntime {

  // Ports are handed out in steps of 10 from this range: the gateway's sidecar listeners (browser
  // control, canvas) sit a few ports above the gateway port, so neighbours must not be adjacent.
  static final int FIRST_PORT = 19000;
  static final int PORT_SLOTS = 1000;
  static final int PORT_STEP = 10;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalRuntimeSettings settings;
  private final OpenClawInstaller installer;
  private final HttpClient http;
  private final Map<String, ProcessHandle> running = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  public LocalInstanceRuntime(LocalRuntimeSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
    this.installer = new OpenClawInstaller(settings);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    rediscover();
  }

  public LocalRuntimeSettings settings() {
    return settings;
  }

  // ---- rendering -------------------------------------------------------------------------------

  /**
   * The release's values and URL. Pure in the sense of the port: it changes nothing and the same
   * spec gives the same plan. The port is the one persisted in the release's directory once it is
   * installed, and before that the release's preferred port, derived from its name.
   */
  @Override
  public ReleasePlan render(InstanceSpec spec) {
    requireNonNull(spec, "spec is null");
    ReleaseDirectory dir = directory(spec.ref());
    int port =
        dir.record()
            .filter(record -> record.namespace().equals(spec.ref().namespace()))
            .map(ReleaseDirectory.Record::port)
            .orElse(preferredPort(spec.ref().release()));
    return new ReleasePlan(spec.ref(), values(spec, port, settings), url(port));
  }

  private static Map<String, Object> values(
      InstanceSpec spec, int port, LocalRuntimeSettings settings) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("tenantId", spec.tenantId().value().toString());
    values.put("instanceId", spec.instanceId().value().toString());
    values.put("release", spec.ref().release());
    values.put("namespace", spec.ref().namespace());
    values.put("image", Map.of("repository", "npm:openclaw", "tag", spec.version()));
    values.put(
        "gateway",
        Map.of(
            "mode",
            "local",
            "bind",
            settings.loopback() ? "loopback" : "custom",
            "host",
            settings.bindHost(),
            "port",
            port,
            "auth",
            Map.of("mode", "token")));
    values.put(
        "resources",
        Map.of(
            "requests",
            Map.of(
                "cpu", spec.resources().cpuRequest(), "memory", spec.resources().memoryRequest()),
            "limits",
            Map.of("cpu", spec.resources().cpuLimit(), "memory", spec.resources().memoryLimit())));
    values.put("persistence", Map.of("size", spec.resources().storageSize()));
    return values;
  }

  /** The port a release asks for first: stable per name, spread over the range. */
  static int preferredPort(String release) {
    return FIRST_PORT + Math.floorMod(release.hashCode(), PORT_SLOTS) * PORT_STEP;
  }

  private String url(int port) {
    return "http://" + settings.bindHost() + ":" + port;
  }

  // ---- install ---------------------------------------------------------------------------------

  @Override
  public void install(InstanceSpec spec, Secret gatewayToken) {
    requireNonNull(spec, "spec is null");
    requireNonNull(gatewayToken, "gatewayToken is null");
    ReleaseRef ref = spec.ref();
    ReleaseDirectory dir = directory(ref);
    OpenClawInstaller.requireVersion(spec.version());
    synchronized (lock(ref)) {
      Optional<ReleaseDirectory.Record> existing = dir.record();
      refuseCollision(spec, existing);
    }
    // Outside the lock: a first install of a version downloads for a minute or more.
    OpenClawInstaller.Installation installation = installer.ensure(spec.version());
    synchronized (lock(ref)) {
      Optional<ReleaseDirectory.Record> existing = dir.record();
      refuseCollision(spec, existing);
      int port = existing.map(ReleaseDirectory.Record::port).orElseGet(() -> freePort(ref));
      dir.writeRecord(
          new ReleaseDirectory.Record(
              ref.namespace(),
              ref.release(),
              spec.tenantId().value().toString(),
              spec.instanceId().value().toString(),
              spec.version(),
              port));
      dir.writeConfig(config(port, gatewayToken, settings));
      dir.markStopped(false);
      String hash = configHash(dir, installation);
      Optional<ProcessHandle> process = live(ref, dir);
      boolean current =
          process.isPresent()
              && dir.pidFile().map(pid -> pid.configHash().equals(hash)).orElse(false);
      if (!current) {
        // new release, changed version or config, or a gateway that died: a fresh process
        end(ref, dir, process);
        launch(ref, dir, installation, hash);
      }
    }
  }

  private static void refuseCollision(
      InstanceSpec spec, Optional<ReleaseDirectory.Record> existing) {
    if (existing.isEmpty()) {
      return;
    }
    ReleaseDirectory.Record record = existing.get();
    if (!record.tenantId().equals(spec.tenantId().value().toString())) {
      throw new ConflictException(
          ErrorCode.RELEASE_NAME_COLLISION,
          "release " + spec.ref().release() + " belongs to another tenant");
    }
    if (!record.namespace().equals(spec.ref().namespace())) {
      throw new ConflictException(
          ErrorCode.RELEASE_NAME_COLLISION,
          "release "
              + spec.ref().release()
              + " exists in namespace "
              + record.namespace()
              + " already; local releases are named without namespace");
    }
  }

  private static ObjectNode config(int port, Secret token, LocalRuntimeSettings settings) {
    ObjectNode config = JSON.createObjectNode();
    ObjectNode gateway = config.putObject("gateway").put("mode", "local").put("port", port);
    if (settings.loopback()) {
      // Always explicit: inside a container the gateway's default bind is all interfaces.
      gateway.put("bind", "loopback");
    } else {
      gateway.put("bind", "custom").put("customBindHost", settings.bindHost());
    }
    gateway.putObject("auth").put("mode", "token").put("token", token.reveal());
    return config;
  }

  /** The preferred port, or the next slot that no other release holds and nothing listens on. */
  private int freePort(ReleaseRef ref) {
    Set<Integer> taken = new HashSet<>();
    for (ReleaseDirectory other : releases()) {
      other.record().ifPresent(record -> taken.add(record.port()));
    }
    int first = Math.floorMod(ref.release().hashCode(), PORT_SLOTS);
    for (int i = 0; i < PORT_SLOTS; i++) {
      int port = FIRST_PORT + ((first + i) % PORT_SLOTS) * PORT_STEP;
      if (!taken.contains(port) && bindable(port)) {
        return port;
      }
    }
    throw new TransientException(
        ErrorCode.RUNTIME_UNAVAILABLE, "no free port left for release " + ref.release());
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(
          new InetSocketAddress(InetAddress.getByName(LocalRuntimeSettings.LOOPBACK), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String configHash(ReleaseDirectory dir, OpenClawInstaller.Installation inst) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(inst.node().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(inst.openclaw().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(dir.configBytes());
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- processes -------------------------------------------------------------------------------

  private void launch(
      ReleaseRef ref,
      ReleaseDirectory dir,
      OpenClawInstaller.Installation installation,
      String configHash) {
    dir.rotateLog();
    List<String> command = new ArrayList<>(settings.launchPrefix());
    command.addAll(
        List.of(installation.node().toString(), installation.openclaw().toString(), "gateway"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.directory(dir.dir().toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("OPENCLAW_"));
    env.put("HOME", dir.homeDir().toString());
    env.put("OPENCLAW_STATE_DIR", dir.stateDir().toString());
    env.put("OPENCLAW_CONFIG_PATH", dir.configFile().toString());
    env.put("OPENCLAW_DISABLE_BONJOUR", "1");
    env.put("OPENCLAW_SKIP_CHANNELS", "1");
    env.put("OPENCLAW_NO_RESPAWN", "1");
    env.put("OPENCLAW_OFFLINE", "1");
    env.put("OPENCLAW_NO_AUTO_UPDATE", "1");
    env.put(
        "PATH", installation.node().getParent() + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put(GatewayProcesses.MARKER, dir.dir().toString());
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.logFile().toFile()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PermanentException(
          ErrorCode.POD_FAILED,
          "cannot start the gateway of release " + ref.release() + ": " + e,
          e);
    }
    dir.writePidFile(
        new ReleaseDirectory.PidFile(
            process.pid(),
            installation.node().toString(),
            installation.openclaw().toString(),
            configHash));
    running.put(ref.release(), process.toHandle());
  }

  /** The release's live gateway process, if any: remembered, or found through its pid file. */
  private Optional<ProcessHandle> live(ReleaseRef ref, ReleaseDirectory dir) {
    ProcessHandle known = running.get(ref.release());
    if (known != null && known.isAlive()) {
      return Optional.of(known);
    }
    running.remove(ref.release());
    Optional<ProcessHandle> found =
        dir.pidFile()
            .flatMap(
                pid ->
                    ProcessHandle.of(pid.pid())
                        .filter(
                            handle ->
                                GatewayProcesses.isGatewayOf(
                                    handle, dir.dir(), Path.of(pid.node()))));
    found.ifPresent(handle -> running.put(ref.release(), handle));
    return found;
  }

  /** Ends the gateway and every other process of the release; the state stays. */
  private void end(ReleaseRef ref, ReleaseDirectory dir, Optional<ProcessHandle> main) {
    GatewayProcesses.end(main, dir.dir(), settings.stopGrace());
    running.remove(ref.release());
    dir.deletePidFile();
  }

  /**
   * Finds the gateways a previous runtime left running: adopts each release's live gateway from its
   * pid file and ends everything else that carries a release's marker (processes of stopped
   * releases, workers whose gateway died, duplicates).
   */
  private void rediscover() {
    for (ReleaseDirectory dir : releases()) {
      Optional<ReleaseDirectory.Record> record = dir.record();
      if (record.isEmpty()) {
        continue;
      }
      ReleaseRef ref = new ReleaseRef(record.get().namespace(), record.get().release());
      Optional<ProcessHandle> main = dir.stopped() ? Optional.empty() : live(ref, dir);
      Set<Long> keep = new HashSet<>();
      main.ifPresent(
          handle -> {
            keep.add(handle.pid());
            handle.descendants().forEach(child -> keep.add(child.pid()));
          });
      List<ProcessHandle> strays =
          GatewayProcesses.marked(dir.dir()).stream()
              .filter(process -> !keep.contains(process.pid()))
              .toList();
      strays.forEach(ProcessHandle::destroyForcibly);
      // Gone before anything starts again: a leftover may still hold the state's SQLite files.
      strays.forEach(process -> GatewayProcesses.awaitExit(process, Duration.ofSeconds(10)));
      if (main.isEmpty()) {
        dir.deletePidFile();
      }
    }
  }

  private List<ReleaseDirectory> releases() {
    List<ReleaseDirectory> result = new ArrayList<>();
    if (!Files.isDirectory(settings.baseDirectory())) {
      return result;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(settings.baseDirectory())) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry.resolve("release.json"))) {
          try {
            result.add(
                new ReleaseDirectory(
                    settings.baseDirectory(), new ReleaseRef("", entry.getFileName().toString())));
          } catch (RuntimeException notARelease) {
            // not one of ours
          }
        }
      }
    } catch (IOException e) {
      throw new TransientException(
          ErrorCode.RUNTIME_UNAVAILABLE, "cannot list " + settings.baseDirectory(), e);
    }
    return result;
  }

  // ---- readiness -------------------------------------------------------------------------------

  @Override
  public ReadyRelease awaitReady(ReleaseRef ref, Duration timeout, Progress progress) {
    requireNonNull(timeout, "timeout is null");
    requireNonNull(progress, "progress is null");
    ReleaseDirectory dir = directory(ref);
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    long nextReport = started;
    String status = "not started";
    while (true) {
      ReleaseDirectory.Record record = requireRelease(ref, dir);
      String url = url(record.port());
      Optional<ProcessHandle> process;
      synchronized (lock(ref)) {
        process = live(ref, dir);
      }
      if (process.isPresent()) {
        status = probe(url);
        if (status.equals("ready")) {
          return new ReadyRelease(ref, url, "gateway-" + ref.release() + "-" + process.get().pid());
        }
      } else if (dir.stopped()) {
        status = "stopped";
      } else {
        throw new PermanentException(
            ErrorCode.POD_FAILED,
            "the gateway of release "
                + ref.release()
                + " is not running (its process exited); last log lines:\n"
                + String.join("\n", dir.logTail(20)));
      }
      long now = System.nanoTime();
      if (now >= deadline) {
        throw new TransientException(
            ErrorCode.RUNTIME_UNAVAILABLE,
            "the gateway of release "
                + ref.release()
                + " was not ready within "
                + timeout
                + " ("
                + status
                + ")");
      }
      if (now >= nextReport) {
        progress.report(
            "gateway "
                + ref.release()
                + " on "
                + url
                + ": "
                + status
                + " after "
                + Duration.ofNanos(now - started).toSeconds()
                + " s");
        nextReport = now + Duration.ofSeconds(5).toNanos();
      }
      sleep(settings.pollInterval());
    }
  }

  private String probe(String url) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/readyz"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200 ? "ready" : "/readyz answered " + response.statusCode();
    } catch (IOException e) {
      return "not listening yet";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, "interrupted while waiting", e);
    }
  }

  // ---- pairing ---------------------------------------------------------------------------------

  /**
   * Approves the device's pending pairing request with the gateway's CLI, run against the local
   * gateway with the release's own state and config; a device paired already needs nothing.
   *
   * @throws TransientException {@code runtime_unavailable} when the gateway is not running or the
   *     device has not asked to be paired within the pairing wait
   */
  @Override
  public DeviceApproval approveDevice(ReleaseRef ref, String deviceId, String devicePublicKey) {
    requireNonNull(deviceId, "deviceId is null");
    requireNonNull(devicePublicKey, "devicePublicKey is null");
    ReleaseDirectory dir = directory(ref);
    ReleaseDirectory.Record record = requireRelease(ref, dir);
    Optional<ProcessHandle> process;
    synchronized (lock(ref)) {
      process = live(ref, dir);
    }
    if (process.isEmpty()) {
      throw new TransientException(
          ErrorCode.RUNTIME_UNAVAILABLE,
          "release " + ref.release() + " has no running gateway to pair with");
    }
    OpenClawInstaller.Installation installation = installer.location(record.version());
    LocalDevicePairing pairing =
        new LocalDevicePairing(
            arguments -> cli(dir, installation, arguments),
            settings.pairingWait(),
            settings.pollInterval());
    return pairing.approve(ref.release(), deviceId, devicePublicKey).outcome()
            == LocalDevicePairing.Outcome.APPROVED
        ? DeviceApproval.APPROVED
        : DeviceApproval.ALREADY_PAIRED;
  }

  private Commands.Result cli(
      ReleaseDirectory dir, OpenClawInstaller.Installation installation, List<String> arguments) {
    List<String> command = new ArrayList<>(settings.launchPrefix());
    command.add(installation.node().toString());
    command.add(installation.openclaw().toString());
    command.addAll(arguments);
    Map<String, String> env = new HashMap<>();
    System.getenv().keySet().stream()
        .filter(name -> name.startsWith("OPENCLAW_"))
        .forEach(name -> env.put(name, null));
    env.put("HOME", dir.homeDir().toString());
    env.put("OPENCLAW_STATE_DIR", dir.stateDir().toString());
    env.put("OPENCLAW_CONFIG_PATH", dir.configFile().toString());
    env.put("OPENCLAW_DISABLE_BONJOUR", "1");
    env.put("OPENCLAW_OFFLINE", "1");
    env.put("OPENCLAW_NO_AUTO_UPDATE", "1");
    env.put(
        "PATH",
        installation.node().getParent()
            + ":"
            + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    try {
      return Commands.run(command, dir.dir(), env, settings.commandTimeout());
    } catch (IOException e) {
      throw new TransientException(
          ErrorCode.GATEWAY_UNAVAILABLE, "cannot run the openclaw CLI: " + e.getMessage(), e);
    }
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  @Override
  public void stop(ReleaseRef ref) {
    ReleaseDirectory dir = directory(ref);
    synchronized (lock(ref)) {
      requireRelease(ref, dir);
      dir.markStopped(true);
      end(ref, dir, live(ref, dir));
    }
  }

  @Override
  public void start(ReleaseRef ref) {
    ReleaseDirectory dir = directory(ref);
    synchronized (lock(ref)) {
      ReleaseDirectory.Record record = requireRelease(ref, dir);
      dir.markStopped(false);
      if (live(ref, dir).isEmpty()) {
        relaunch(ref, dir, record, Optional.empty());
      }
    }
  }

  @Override
  public void restart(ReleaseRef ref) {
    ReleaseDirectory dir = directory(ref);
    synchronized (lock(ref)) {
      ReleaseDirectory.Record record = requireRelease(ref, dir);
      dir.markStopped(false);
      relaunch(ref, dir, record, live(ref, dir));
    }
  }

  private void relaunch(
      ReleaseRef ref,
      ReleaseDirectory dir,
      ReleaseDirectory.Record record,
      Optional<ProcessHandle> current) {
    OpenClawInstaller.Installation installation = installer.ensure(record.version());
    end(ref, dir, current);
    launch(ref, dir, installation, configHash(dir, installation));
  }

  @Override
  public void destroy(ReleaseRef ref) {
    ReleaseDirectory dir = directory(ref);
    synchronized (lock(ref)) {
      Optional<ReleaseDirectory.Record> record = dir.record();
      if (record.isPresent() && !record.get().namespace().equals(ref.namespace())) {
        return; // another namespace's release of the same name: not this one, so gone
      }
      dir.markStoppedIfPresent();
      end(ref, dir, live(ref, dir));
      dir.delete();
    }
  }

  @Override
  public List<String> logs(ReleaseRef ref, int tail) {
    if (tail < 0) {
      throw new IllegalArgumentException("tail is negative: " + tail);
    }
    ReleaseDirectory dir = directory(ref);
    requireRelease(ref, dir);
    if (dir.stopped()) {
      return List.of(); // a stopped gateway has no log to show, as a release scaled to zero
    }
    return dir.logTail(tail);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private ReleaseDirectory directory(ReleaseRef ref) {
    requireNonNull(ref, "ref is null");
    return new ReleaseDirectory(settings.baseDirectory(), ref);
  }

  private static ReleaseDirectory.Record requireRelease(ReleaseRef ref, ReleaseDirectory dir) {
    return dir.record()
        .filter(record -> record.namespace().equals(ref.namespace()))
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.RELEASE_NOT_FOUND,
                    "no release " + ref.release() + " in " + ref.namespace()));
  }

  private Object lock(ReleaseRef ref) {
    return locks.computeIfAbsent(ref.release(), name -> new Object());
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, "interrupted while waiting", e);
    }
  }
}
