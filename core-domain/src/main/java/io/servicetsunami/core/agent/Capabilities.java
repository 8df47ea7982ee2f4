package io.servicetsunami.core.agent;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Capabilities are the words that match tasks to agents ({@code research}, {@code summarize}, …).
 * They compare case-insensitively, so {@code Research} and {@code research} are the same
 * capability; the first spelling given is the one kept.
 */
public final class Capabilities {

  private Capabilities() {}

  /**
   * The capabilities trimmed and de-duplicated (ignoring case), in the order given.
   *
   * @param what names the list in the error message, e.g. {@code capabilities}
   * @throws InvalidInputException {@code invalid_input} if one is null or blank
   */
  public static List<String> normalize(List<String> capabilities, String what) {
    requireNonNull(capabilities, "capabilities is null");
    List<String> normalized = new ArrayList<>(capabilities.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < capabilities.size(); i++) {
      String capability = capabilities.get(i);
      if (capability == null || capability.isBlank()) {
        throw new InvalidInputException(
            ErrorCode.INVALID_INPUT, what + "[" + i + "] must not be blank");
      }
      String trimmed = capability.strip();
      if (seen.add(key(trimmed))) {
        normalized.add(trimmed);
      }
    }
    return List.copyOf(normalized);
  }

  /** The comparison key of a capability: trimmed, lower case. */
  public static String key(String capability) {
    return capability.strip().toLowerCase(Locale.ROOT);
  }

  /** The entry of {@code among} that is the same capability as {@code capability}, if any. */
  public static Optional<String> find(Iterable<String> among, String capability) {
    String wanted = key(capability);
    for (String candidate : among) {
      if (key(candidate).equals(wanted)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
