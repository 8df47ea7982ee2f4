package io.servicetsunami.adapters.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Approves the control plane's device on a local gateway with the gateway's own CLI, run with the
 * release's state directory and config: it reaches the gateway on 127.0.0.1 with the shared token
 * from the config and is therefore a local, fully privileged operator (the same approach as the
 * Kubernetes runtime's approval from inside the pod, reference R2/R3).
 *
 * <p>The gateway has no way to pre-authorize a public key: a device becomes pairable only by
 * connecting once (signed, from a non-loopback address), which leaves a pending request for about
 * five minutes. So this looks for that request — waiting a little, as the device may be connecting
 * right now — and approves exactly it:
 *
 * <pre>
 *   openclaw devices list --json                 → {"pending":[{requestId, deviceId, publicKey, role, scopes, ts}], "paired":[…]}
 *   openclaw devices approve &lt;requestId&gt; --json  → {"requestId", "device":{"deviceId", …}}
 * </pre>
 *
 * Only a request whose device id and public key are the expected ones is approved; a device that is
 * paired already and has nothing pending needs nothing.
 */
final class LocalDevicePairing {

  /** What approving did. */
  enum Outcome {
    /** A pending request of the device was approved now. */
    APPROVED,
    /** The device was paired already and asked for nothing new. */
    ALREADY_PAIRED
  }

  record Approval(Outcome outcome, Optional<String> requestId, String role, List<String> scopes) {}

  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  /** Runs the gateway's CLI with the given arguments against one release's gateway. */
  @FunctionalInterface
  interface Cli {
    Commands.Result run(List<String> arguments);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Cli cli;
  private final Duration wait;
  private final Duration pollInterval;

  LocalDevicePairing(Cli cli, Duration wait, Duration pollInterval) {
    this.cli = requireNonNull(cli, "cli is null");
    this.wait = requireNonNull(wait, "wait is null");
    this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
  }

  /** The CLI arguments that list pairing requests and paired devices. */
  static List<String> listCommand() {
    return List.of("devices", "list", "--json");
  }

  /** The CLI arguments that approve one request. */
  static List<String> approveCommand(String requestId) {
    return List.of("devices", "approve", requestId, "--json");
  }

  Approval approve(String release, String deviceId, String devicePublicKey) {
    requireNonNull(deviceId, "deviceId is null");
    requireNonNull(devicePublicKey, "devicePublicKey is null");
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Map<String, Object> listing = list(release);
      Optional<Map<String, Object>> pending = newestPendingOf(listing, deviceId, devicePublicKey);
      if (pending.isPresent()) {
        String requestId = requestId(pending.get());
        if (approveRequest(release, requestId, deviceId)) {
          return new Approval(
              Outcome.APPROVED, Optional.of(requestId), role(pending.get()), scopes(pending.get()));
        }
        // Approved or replaced meanwhile: look again.
      } else {
        Optional<Map<String, Object>> paired =
            entryOf(listing, "paired", deviceId, devicePublicKey);
        if (paired.isPresent()) {
          return new Approval(
              Outcome.ALREADY_PAIRED, Optional.empty(), role(paired.get()), scopes(paired.get()));
        }
      }
      if (System.nanoTime() >= deadline) {
        throw new TransientException(
            ErrorCode.RUNTIME_UNAVAILABLE,
            "gateway of release "
                + release
                + " has no pairing request from device "
                + deviceId
                + " after "
                + wait
                + "; the device must connect (signed) first, and its request expires after"
                + " about 5 minutes");
      }
      sleep();
    }
  }

  private Map<String, Object> list(String release) {
    Commands.Result result = cli.run(listCommand());
    if (!result.succeeded()) {
      throw new TransientException(
          ErrorCode.GATEWAY_UNAVAILABLE,
          "'openclaw devices list' for release " + release + " failed: " + result.excerpt());
    }
    return json(result.stdout(), "'openclaw devices list' for release " + release);
  }

  /** Approves; {@code false} when the request is gone (approved or replaced meanwhile). */
  private boolean approveRequest(String release, String requestId, String deviceId) {
    Commands.Result result = cli.run(approveCommand(requestId));
    String what = "'openclaw devices approve " + requestId + "' for release " + release;
    if (!result.succeeded()) {
      if ((result.stdout() + result.stderr()).contains("No pending device request matches")) {
        return false;
      }
      throw new TransientException(
          ErrorCode.GATEWAY_UNAVAILABLE, what + " failed: " + result.excerpt());
    }
    Object device = json(result.stdout(), what).get("device");
    Object approvedId = device instanceof Map<?, ?> map ? map.get("deviceId") : null;
    if (approvedId != null && !deviceId.equals(String.valueOf(approvedId).trim())) {
      throw new PermanentException(
          ErrorCode.GATEWAY_REJECTED,
          what + " approved device " + approvedId + " instead of " + deviceId);
    }
    return true;
  }

  private static Optional<Map<String, Object>> newestPendingOf(
      Map<String, Object> listing, String deviceId, String publicKey) {
    return entries(listing, "pending").stream()
        .filter(entry -> deviceId.equals(text(entry, "deviceId")))
        .peek(entry -> requireSameKey(entry, deviceId, publicKey))
        .max(Comparator.comparingDouble(entry -> number(entry, "ts")));
  }

  private static Optional<Map<String, Object>> entryOf(
      Map<String, Object> listing, String section, String deviceId, String publicKey) {
    return entries(listing, section).stream()
        .filter(entry -> deviceId.equals(text(entry, "deviceId")))
        .peek(entry -> requireSameKey(entry, deviceId, publicKey))
        .findFirst();
  }

  // The gateway derives the device id from the key, so a mismatch means someone else's key.
  private static void requireSameKey(Map<String, Object> entry, String deviceId, String key) {
    String listed = text(entry, "publicKey");
    if (!listed.isEmpty() && !sameKey(listed, key)) {
      throw new PermanentException(
          ErrorCode.GATEWAY_REJECTED,
          "the gateway lists device "
              + deviceId
              + " with another public key than the control plane's; not approving it");
    }
  }

  /**
   * Whether two encodings name the same Ed25519 key: raw 32 bytes or X.509/SPKI, in base64url or
   * standard base64, with or without padding or PEM armour.
   */
  static boolean sameKey(String a, String b) {
    Optional<byte[]> rawA = rawKey(a);
    Optional<byte[]> rawB = rawKey(b);
    if (rawA.isPresent() && rawB.isPresent()) {
      return Arrays.equals(rawA.get(), rawB.get());
    }
    return unarmoured(a).equals(unarmoured(b));
  }

  private static Optional<byte[]> rawKey(String encoded) {
    String text = unarmoured(encoded).replace('-', '+').replace('_', '/');
    while (text.length() % 4 != 0) {
      text = text + "=";
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (bytes.length == 32) {
      return Optional.of(bytes);
    }
    if (bytes.length == 44
        && Arrays.equals(Arrays.copyOf(bytes, ED25519_SPKI_PREFIX.length), ED25519_SPKI_PREFIX)) {
      return Optional.of(Arrays.copyOfRange(bytes, ED25519_SPKI_PREFIX.length, bytes.length));
    }
    return Optional.empty();
  }

  private static String unarmoured(String encoded) {
    return encoded.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "").replaceAll("=+$", "");
  }

  private static String requestId(Map<String, Object> entry) {
    String id = text(entry, "requestId");
    // It becomes an argument of the CLI: never something that parses as an option.
    if (!REQUEST_ID.matcher(id).matches()) {
      throw new PermanentException(
          ErrorCode.GATEWAY_REJECTED, "the gateway listed an unusable pairing request id: " + id);
    }
    return id;
  }

  private static String role(Map<String, Object> entry) {
    String role = text(entry, "role");
    return role.isEmpty() ? "operator" : role;
  }

  private static List<String> scopes(Map<String, Object> entry) {
    Object scopes = entry.get("scopes");
    List<String> result = new ArrayList<>();
    if (scopes instanceof List<?> list) {
      list.forEach(scope -> result.add(String.valueOf(scope)));
    }
    return List.copyOf(result);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> entries(Map<String, Object> listing, String section) {
    Object value = listing.get(section);
    List<Map<String, Object>> result = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> map) {
          result.add((Map<String, Object>) map);
        }
      }
    }
    return result;
  }

  private static String text(Map<String, Object> entry, String key) {
    Object value = entry.get(key);
    return value == null ? "" : String.valueOf(value).trim();
  }

  private static double number(Map<String, Object> entry, String key) {
    return entry.get(key) instanceof Number n ? n.doubleValue() : 0;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String stdout, String what) {
    // Node may print warnings around the document; the document is the outermost object.
    int start = stdout.indexOf('{');
    int end = stdout.lastIndexOf('}');
    if (start >= 0 && end > start) {
      try {
        Object parsed = JSON.readValue(stdout.substring(start, end + 1), Map.class);
        if (parsed instanceof Map<?, ?> map) {
          return (Map<String, Object>) map;
        }
      } catch (java.io.IOException | RuntimeException notJson) {
        // reported below
      }
    }
    throw new TransientException(
        ErrorCode.GATEWAY_UNAVAILABLE,
        what + " printed no JSON document (" + stdout.length() + " characters)");
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, "pairing was interrupted", e);
    }
  }
}
