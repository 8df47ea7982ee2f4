package io.servicetsunami.ports.model;

import java.util.Locale;

/**
 * An enum whose JSON and database form is its lower-case name ({@code waiting_input}), the form the
 * original system and its web client use.
 */
public interface WireEnum {

  String name();

  default String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the wire form of {@code type}.
   *
   * @throws IllegalArgumentException naming the accepted values if {@code wire} is not one of them
   */
  static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String wire) {
    if (wire != null) {
      for (E value : type.getEnumConstants()) {
        if (value.wire().equals(wire)) {
          return value;
        }
      }
    }
    StringBuilder accepted = new StringBuilder();
    for (E value : type.getEnumConstants()) {
      accepted.append(accepted.length() == 0 ? "" : ", ").append(value.wire());
    }
    throw new IllegalArgumentException(
        "unknown " + type.getSimpleName() + " '" + wire + "'; expected one of: " + accepted);
  }
}
