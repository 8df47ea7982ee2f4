package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies one run of a data pipeline. */
public record RunId(UUID value) {

  public RunId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static RunId parse(String text) {
    return new RunId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
