package io.servicetsunami.adapters.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One release's directory, {@code <base>/<release>}: what the release is ({@code release.json},
 * with its port), the gateway's state directory with its config and token ({@code state/}, owner
 * only), its home, its log, its pid file, and a {@code stopped} marker while it is stopped.
 */
final class ReleaseDirectory {

  /** What {@code release.json} records. */
  record Record(
      String namespace,
      String release,
      String tenantId,
      String instanceId,
      String version,
      int port) {}

  /** What {@code gateway.pid} records about the running gateway. */
  record PidFile(long pid, String node, String openclaw, String configHash) {}

  // A DNS label, as on Kubernetes: also keeps the name a single, harmless path segment.
  private static final Pattern RELEASE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  ReleaseDirectory(Path base, ReleaseRef ref) {
    if (!RELEASE.matcher(ref.release()).matches()) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT, "not a release name (DNS label): '" + ref.release() + "'");
    }
    this.dir = base.resolve(ref.release());
  }

  Path dir() {
    return dir;
  }

  Path stateDir() {
    return dir.resolve("state");
  }

  Path configFile() {
    return stateDir().resolve("openclaw.json");
  }

  Path homeDir() {
    return dir.resolve("home");
  }

  Path logFile() {
    return dir.resolve("gateway.log");
  }

  private Path recordFile() {
    return dir.resolve("release.json");
  }

  private Path pidPath() {
    return dir.resolve("gateway.pid");
  }

  private Path stoppedMarker() {
    return dir.resolve("stopped");
  }

  Optional<Record> record() {
    return read(recordFile(), Record.class);
  }

  void writeRecord(Record record) {
    write(recordFile(), record, false);
  }

  Optional<PidFile> pidFile() {
    return read(pidPath(), PidFile.class);
  }

  void writePidFile(PidFile pid) {
    write(pidPath(), pid, false);
  }

  void deletePidFile() {
    io(() -> Files.deleteIfExists(pidPath()));
  }

  boolean stopped() {
    return Files.exists(stoppedMarker());
  }

  void markStopped(boolean stopped) {
    io(
        () -> {
          if (stopped) {
            Files.writeString(stoppedMarker(), "stopped\n");
          } else {
            Files.deleteIfExists(stoppedMarker());
          }
          return null;
        });
  }

  /** Marks the release stopped if its directory exists, so no one starts it while it goes. */
  void markStoppedIfPresent() {
    if (Files.isDirectory(dir)) {
      markStopped(true);
    }
  }

  /** Writes the gateway's config (it holds the token) readable by the owner only. */
  boolean writeConfig(ObjectNode config) {
    return io(
        () -> {
          Files.createDirectories(stateDir());
          Files.createDirectories(homeDir());
          ownerOnly(dir);
          ownerOnly(stateDir());
          byte[] bytes =
              JSON.writerWithDefaultPrettyPrinter()
                  .writeValueAsString(config)
                  .getBytes(StandardCharsets.UTF_8);
          if (Files.exists(configFile())
              && java.util.Arrays.equals(Files.readAllBytes(configFile()), bytes)) {
            return false;
          }
          Path tmp = stateDir().resolve("openclaw.json.tmp");
          Files.write(tmp, bytes);
          ownerOnly(tmp);
          Files.move(
              tmp,
              configFile(),
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
          return true;
        });
  }

  byte[] configBytes() {
    return io(() -> Files.exists(configFile()) ? Files.readAllBytes(configFile()) : new byte[0]);
  }

  /** Starts a fresh log for a new process, keeping the previous one as {@code gateway.log.1}. */
  void rotateLog() {
    io(
        () -> {
          if (Files.exists(logFile())) {
            Files.move(
                logFile(), dir.resolve("gateway.log.1"), StandardCopyOption.REPLACE_EXISTING);
          }
          return null;
        });
  }

  /** The last {@code tail} lines of the current log, oldest first. */
  List<String> logTail(int tail) {
    return io(
        () -> {
          if (!Files.exists(logFile()) || tail == 0) {
            return List.of();
          }
          List<String> lines = new ArrayList<>();
          for (String line : Files.readAllLines(logFile(), StandardCharsets.ISO_8859_1)) {
            lines.add(
                new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
          }
          return List.copyOf(lines.subList(Math.max(0, lines.size() - tail), lines.size()));
        });
  }

  void delete() {
    io(
        () -> {
          OpenClawInstaller.deleteTree(dir);
          return null;
        });
  }

  private static void ownerOnly(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(
          path,
          PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // nothing to tighten on this file system
    }
  }

  private <T> Optional<T> read(Path file, Class<T> type) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(io(() -> JSON.readValue(file.toFile(), type)));
  }

  private void write(Path file, Object value, boolean secret) {
    io(
        () -> {
          Files.createDirectories(dir);
          Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
          Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
          if (secret) {
            ownerOnly(tmp);
          }
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          return null;
        });
  }

  @FunctionalInterface
  private interface IoAction<T> {
    T run() throws IOException;
  }

  private <T> T io(IoAction<T> action) {
    try {
      return action.run();
    } catch (UncheckedIOException e) {
      throw new TransientException(
          ErrorCode.RUNTIME_UNAVAILABLE, "cannot use release directory " + dir, e.getCause());
    } catch (IOException e) {
      throw new TransientException(
          ErrorCode.RUNTIME_UNAVAILABLE, "cannot use release directory " + dir + ": " + e, e);
    }
  }
}
