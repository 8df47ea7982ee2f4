package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies an agent memory. */
public record MemoryId(UUID value) {

  public MemoryId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static MemoryId parse(String text) {
    return new MemoryId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
