package io.servicetsunami.ports.model;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifies a knowledge-graph entity. */
public record EntityId(UUID value) {

  public EntityId {
    requireNonNull(value, "value is null");
  }

  /**
   * Parses the canonical UUID text form.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID
   */
  public static EntityId parse(String text) {
    return new EntityId(Ids.parse(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
