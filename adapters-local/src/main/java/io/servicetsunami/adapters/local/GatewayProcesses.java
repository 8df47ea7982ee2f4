package io.servicetsunami.adapters.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and ends the processes of one release's gateway. Every process the runtime starts carries
 * {@link #MARKER}{@code =<release directory>} in its environment, which its workers (spawn broker,
 * SQLite reader) inherit; so the processes of a release are found even when the JVM that started
 * them is gone, and even when the gateway's main process died and left its workers behind.
 */
final class GatewayProcesses {

  /** Environment variable naming the release directory a gateway process belongs to. */
  static final String MARKER = "SERVICETSUNAMI_GATEWAY_DIR";

  private static final Path PROC = Path.of("/proc");

  private GatewayProcesses() {}

  /**
   * Whether {@code process} is alive and the gateway of the release in {@code releaseDir}: it runs
   * {@code node} (its executable; the gateway replaces its command line by the title {@code
   * openclaw}) and carries the release's marker in its environment.
   */
  static boolean isGatewayOf(ProcessHandle process, Path releaseDir, Path node) {
    if (!process.isAlive()) {
      return false;
    }
    Optional<String> executable = process.info().command();
    if (executable.isPresent() && !sameFile(Path.of(executable.get()), node)) {
      return false;
    }
    Optional<Boolean> marked = marked(process.pid(), releaseDir);
    if (marked.isPresent()) {
      return marked.get();
    }
    // No /proc to read the environment from: the command line is all there is to go by.
    return process.info().commandLine().map(line -> line.contains("openclaw")).orElse(false);
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return a.equals(b) || Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** All live processes marked with {@code releaseDir}: gateway, workers, leftovers. */
  static List<ProcessHandle> marked(Path releaseDir) {
    List<ProcessHandle> result = new ArrayList<>();
    if (!Files.isDirectory(PROC)) {
      return result;
    }
    ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .filter(p -> marked(p.pid(), releaseDir).orElse(false))
        .forEach(result::add);
    return result;
  }

  /** Whether the environment of {@code pid} carries the marker; empty when it cannot be read. */
  private static Optional<Boolean> marked(long pid, Path releaseDir) {
    byte[] environ;
    try {
      environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
    String wanted = MARKER + "=" + releaseDir;
    for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
      if (entry.equals(wanted)) {
        return Optional.of(true);
      }
    }
    return Optional.of(false);
  }

  /**
   * Ends {@code main} (SIGTERM, then SIGKILL after {@code grace}) and then every other process of
   * the release still alive (its workers, orphans of an earlier crash, duplicates).
   */
  static void end(Optional<ProcessHandle> main, Path releaseDir, Duration grace) {
    Set<ProcessHandle> rest = new LinkedHashSet<>();
    main.ifPresent(
        process -> {
          process.descendants().forEach(rest::add);
          process.destroy();
          if (!awaitExit(process, grace)) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(10));
          }
        });
    rest.addAll(marked(releaseDir));
    for (ProcessHandle process : rest) {
      process.destroyForcibly();
    }
    for (ProcessHandle process : rest) {
      awaitExit(process, Duration.ofSeconds(10));
    }
  }

  static boolean awaitExit(ProcessHandle process, Duration limit) {
    try {
      process.onExit().get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    } catch (Exception e) {
      return !process.isAlive();
    }
  }
}
