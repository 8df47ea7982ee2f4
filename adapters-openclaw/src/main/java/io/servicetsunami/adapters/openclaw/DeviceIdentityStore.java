package io.servicetsunami.adapters.openclaw;

import io.servicetsunami.ports.model.InstanceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One device identity per instance, so that the gateway sees the same device id on every connect (a
 * paired device stays paired). With a directory, each key pair is kept in {@code
 * <instance-id>.device} there, readable by the owner only; without one, identities live as long as
 * this store (a restart looks like a new device, which a remote gateway would have to pair again).
 */
final class DeviceIdentityStore {

  private static final System.Logger LOG = System.getLogger(DeviceIdentityStore.class.getName());

  private final Optional<Path> directory;
  private final Map<InstanceId, DeviceIdentity> identities = new ConcurrentHashMap<>();

  DeviceIdentityStore(Optional<Path> directory) {
    this.directory = directory;
  }

  DeviceIdentity forInstance(InstanceId instance) {
    return identities.computeIfAbsent(instance, this::loadOrCreate);
  }

  private DeviceIdentity loadOrCreate(InstanceId instance) {
    if (directory.isEmpty()) {
      return DeviceIdentity.generate();
    }
    Path file = directory.get().resolve(instance + ".device");
    try {
      if (Files.exists(file)) {
        return read(file);
      }
      DeviceIdentity created = DeviceIdentity.generate();
      write(file, created);
      LOG.log(
          System.Logger.Level.INFO,
          "created device identity {0} for instance {1}",
          created.deviceId(),
          instance);
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the device identity of " + instance, e);
    }
  }

  private static DeviceIdentity read(Path file) throws IOException {
    Properties properties = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      properties.load(in);
    }
    Base64.Decoder base64 = Base64.getDecoder();
    return DeviceIdentity.fromEncoded(
        base64.decode(properties.getProperty("privateKey", "")),
        base64.decode(properties.getProperty("publicKey", "")));
  }

  private static void write(Path file, DeviceIdentity identity) throws IOException {
    Path dir = file.getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    }
    Base64.Encoder base64 = Base64.getEncoder();
    String text =
        "# Ed25519 device identity of the control plane towards one OpenClaw gateway\n"
            + "deviceId="
            + identity.deviceId()
            + "\nprivateKey="
            + base64.encodeToString(identity.encodedPrivateKey())
            + "\npublicKey="
            + base64.encodeToString(identity.encodedPublicKey())
            + "\n";
    Path temp =
        posix
            ? Files.createTempFile(
                dir,
                ".device",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createTempFile(dir, ".device", ".tmp");
    Files.writeString(temp, text, StandardCharsets.ISO_8859_1);
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
