package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies one skill execution. */
public record ExecutionId(UUID value) {

  public ExecutionId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static ExecutionId parse(String text) {
    return new ExecutionId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
