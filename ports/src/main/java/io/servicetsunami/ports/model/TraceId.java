package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies an execution trace row. */
public record TraceId(UUID value) {

  public TraceId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static TraceId parse(String text) {
    return new TraceId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
