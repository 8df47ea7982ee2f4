package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

final class Checks {

  private Checks() {}

  static String requireText(String value, String name) {
    requireNonNull(value, name + " is null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return value;
  }

  static <T> Optional<T> requireOptional(Optional<T> value, String name) {
    return requireNonNull(value, name + " is null");
  }

  static <T> List<T> listCopy(List<T> values, String name) {
    return List.copyOf(requireNonNull(values, name + " is null"));
  }

  static double requireUnit(double value, String name) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be within [0, 1]: " + value);
    }
    return value;
  }

  static long requireNonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " is negative: " + value);
    }
    return value;
  }
}
