package io.servicetsunami.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Secrets of the embedded mode: generated on first start and kept in files that only the owner can
 * read, so that tokens and stored credentials stay valid across restarts.
 */
final class SecretFiles {

  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private SecretFiles() {}

  /** The secret stored in {@code file}, created with {@code generator} if there is none yet. */
  static String readOrCreate(Path file, Supplier<String> generator) {
    try {
      if (!Files.exists(file)) {
        createOwnerOnlyDirectory(file.toAbsolutePath().getParent());
        write(file, generator.get());
      }
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (value.isEmpty()) {
        throw new ConfigException("the secret file " + file + " is empty; delete it or fill it");
      }
      return value;
    } catch (IOException e) {
      throw new ConfigException("cannot read or create the secret file " + file + ": " + e, e);
    }
  }

  private static void write(Path file, String value) throws IOException {
    try {
      if (posix(file.toAbsolutePath().getParent())) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      return; // another process created it first; use its value
    }
    Files.writeString(
        file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static void createOwnerOnlyDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Files.createDirectories(directory);
    if (posix(directory)) {
      Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
