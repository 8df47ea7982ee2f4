package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies a tenant's OpenClaw instance. */
public record InstanceId(UUID value) {

  public InstanceId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static InstanceId parse(String text) {
    return new InstanceId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
